// Command loadgen is the TLS load client of bench/tls-handshakes.sh: stdlib only, loopback only, every loop bounded
// in time and count.
//
// Modes:
//
//	handshake  new connection per request: full TLS 1.3 handshake (no session cache, tickets refused), SNI drawn at
//	           random among -names names, GET / with Host = SNI, whole response read, close. -conns workers,
//	           -warmup then -duration; only connections that finish inside the measured window count.
//	keepalive  -conns persistent connections to one name (-name), GET / in a loop, whole response read each time.
//	sweep      every name once (shuffled), -conns at a time: a first pass over all N names (for Portico the cold
//	           pass: each handshake loads that name's certificate from Redis). -limit takes only the first K names.
//	probe      one handshake + GET to -name every 100 ms until one succeeds or -probe-timeout passes; prints the
//	           seconds since -since (unix nanoseconds, the server's start).
//
// Verification: without -ca the chain is not verified (saves the client a signature check per handshake so it
// outruns the server) but the leaf must name the SNI host (VerifyHostname) and the server's CertificateVerify
// signature is checked by crypto/tls as always. With -ca the chain is verified against that CA.
//
// With -server-pid, the server's CPU time (utime+stime from /proc) over the measured window is reported, and the
// busy share of every CPU from /proc/stat, so the script can tell which side was the bottleneck.
//
// Prints human lines and one machine line starting with "result ".
package main

import (
	"bufio"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

var (
	mode         = flag.String("mode", "handshake", "handshake | keepalive | sweep | probe")
	addr         = flag.String("addr", "127.0.0.1:18443", "server address (loopback)")
	names        = flag.Int("names", 1, "number of names d0..d<N-1>.bench.test")
	nameFmt      = flag.String("name-format", "d%d.bench.test", "name pattern")
	name         = flag.String("name", "d0.bench.test", "the one name for keepalive and probe")
	conns        = flag.Int("conns", 32, "concurrent connections")
	warmup       = flag.Duration("warmup", 3*time.Second, "unmeasured time before the measured window")
	duration     = flag.Duration("duration", 10*time.Second, "measured window")
	maxDuration  = flag.Duration("max-duration", 15*time.Minute, "sweep: give up after this long")
	limit        = flag.Int("limit", 0, "sweep: only the first K names (0: all)")
	caFile       = flag.String("ca", "", "verify the chain against this CA PEM (default: check the leaf's name only)")
	opTimeout    = flag.Duration("timeout", 10*time.Second, "deadline of one connection or request")
	probeTimeout = flag.Duration("probe-timeout", 10*time.Minute, "probe: give up after this long")
	since        = flag.Int64("since", 0, "probe: unix nanoseconds the server was started at")
	serverPid    = flag.Int("server-pid", 0, "report this process's CPU time over the measured window")
	maxSamples   = flag.Int("max-samples", 4_000_000, "latency samples kept (bounded memory)")
	curve        = flag.String("curve", "X25519", "key exchange offered: X25519 or P256")
	cpuProfile   = flag.String("cpuprofile", "", "write a CPU profile of the client here")
)

const bodyLimit = 1 << 20

type result struct {
	ok       atomic.Int64
	resumed  atomic.Int64
	errs     sync.Map // kind -> *atomic.Int64
	mu       sync.Mutex
	samples  []time.Duration
	bytesIn  atomic.Int64
	versions sync.Map // "TLS1.3/X25519" -> *atomic.Int64
}

func (r *result) fail(kind string) {
	v, _ := r.errs.LoadOrStore(kind, new(atomic.Int64))
	v.(*atomic.Int64).Add(1)
}

func (r *result) note(m *sync.Map, key string) {
	v, _ := m.LoadOrStore(key, new(atomic.Int64))
	v.(*atomic.Int64).Add(1)
}

func (r *result) add(local []time.Duration) {
	r.mu.Lock()
	room := *maxSamples - len(r.samples)
	if room > 0 {
		r.samples = append(r.samples, local[:min(room, len(local))]...)
	}
	r.mu.Unlock()
}

func counts(m *sync.Map) string {
	var parts []string
	m.Range(func(k, v any) bool {
		parts = append(parts, fmt.Sprintf("%s:%d", k, v.(*atomic.Int64).Load()))
		return true
	})
	slices.Sort(parts)
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ",")
}

func sum(m *sync.Map) int64 {
	var n int64
	m.Range(func(_, v any) bool { n += v.(*atomic.Int64).Load(); return true })
	return n
}

var roots *x509.CertPool

func tlsConfig(serverName string) *tls.Config {
	c := &tls.Config{
		ServerName:             serverName,
		MinVersion:             tls.VersionTLS13,
		CurvePreferences:       []tls.CurveID{curveID()}, // one classic share; no hybrid ML-KEM
		SessionTicketsDisabled: true,                     // with no ClientSessionCache either: never resumes
		NextProtos:             []string{"http/1.1"},
	}
	if roots != nil {
		c.RootCAs = roots
	} else {
		c.InsecureSkipVerify = true
		c.VerifyConnection = func(cs tls.ConnectionState) error {
			if len(cs.PeerCertificates) == 0 {
				return errors.New("no certificate")
			}
			return cs.PeerCertificates[0].VerifyHostname(serverName)
		}
	}
	return c
}

func curveID() tls.CurveID {
	if *curve == "P256" {
		return tls.CurveP256
	}
	return tls.X25519
}

func nameOf(i int) string { return fmt.Sprintf(*nameFmt, i) }

func request(host string) []byte {
	return []byte("GET / HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: portico-bench\r\nAccept: */*\r\n\r\n")
}

// dial makes a new TCP connection and a full handshake for host.
func dial(host string, r *result) (*tls.Conn, error) {
	raw, err := net.DialTimeout("tcp", *addr, *opTimeout)
	if err != nil {
		r.fail("dial")
		return nil, err
	}
	c := tls.Client(raw, tlsConfig(host))
	c.SetDeadline(time.Now().Add(*opTimeout))
	if err := c.Handshake(); err != nil {
		raw.Close()
		kind := "handshake"
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			kind = "handshake_timeout"
		} else if strings.Contains(err.Error(), "certificate") || strings.Contains(err.Error(), "x509") {
			kind = "certificate"
		} else if strings.Contains(err.Error(), "alert") {
			kind = "alert"
		}
		if os.Getenv("LOADGEN_DEBUG") != "" {
			fmt.Fprintln(os.Stderr, "handshake", host, err)
		}
		r.fail(kind)
		return nil, err
	}
	st := c.ConnectionState()
	if st.DidResume {
		r.resumed.Add(1)
	}
	r.note(&r.versions, tls.VersionName(st.Version)+"/"+st.CurveID.String())
	return c, nil
}

// exchange sends GET / and reads the whole response; true when it was a 200 with a body.
func exchange(c *tls.Conn, br *bufio.Reader, host string, r *result) bool {
	c.SetDeadline(time.Now().Add(*opTimeout))
	if _, err := c.Write(request(host)); err != nil {
		r.fail("write")
		return false
	}
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			r.fail("closed_by_server")
		} else {
			r.fail("read")
		}
		return false
	}
	n, err := io.Copy(io.Discard, io.LimitReader(resp.Body, bodyLimit))
	resp.Body.Close()
	if err != nil {
		r.fail("read_body")
		return false
	}
	if resp.StatusCode != 200 {
		r.fail("status_" + strconv.Itoa(resp.StatusCode))
		return false
	}
	if n == 0 {
		r.fail("empty_body")
		return false
	}
	r.bytesIn.Add(n)
	return true
}

// oneConnection: dial, handshake, one request, close. Returns the latency or -1.
func oneConnection(host string, r *result) time.Duration {
	t0 := time.Now()
	c, err := dial(host, r)
	if err != nil {
		return -1
	}
	defer c.Close()
	if !exchange(c, bufio.NewReaderSize(c, 4096), host, r) {
		return -1
	}
	return time.Since(t0)
}

type cpuSnap struct {
	at      time.Time
	self    time.Duration
	server  time.Duration
	perCPU  map[string][2]uint64 // cpuN -> busy, total (jiffies)
	haveSrv bool
}

// alive: the process exists and is not a zombie (an exited child its parent has not waited for yet).
func alive(pid int) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	return i > 0 && i+2 < len(s) && s[i+2] != 'Z' && s[i+2] != 'X'
}

func procTicks(pid int) (time.Duration, bool) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0, false
	}
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
	u, _ := strconv.ParseUint(f[11], 10, 64)
	k, _ := strconv.ParseUint(f[12], 10, 64)
	return time.Duration(u+k) * 10 * time.Millisecond, true // USER_HZ = 100
}

func snap() cpuSnap {
	s := cpuSnap{at: time.Now(), perCPU: map[string][2]uint64{}}
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	s.self = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	if *serverPid > 0 {
		s.server, s.haveSrv = procTicks(*serverPid)
	}
	if b, err := os.ReadFile("/proc/stat"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			f := strings.Fields(line)
			if len(f) < 8 || !strings.HasPrefix(f[0], "cpu") || f[0] == "cpu" {
				continue
			}
			var total, idle uint64
			for i, v := range f[1:] {
				n, _ := strconv.ParseUint(v, 10, 64)
				if i < 8 { // user nice system idle iowait irq softirq steal
					total += n
				}
				if i == 3 || i == 4 {
					idle += n
				}
			}
			s.perCPU[f[0]] = [2]uint64{total - idle, total}
		}
	}
	return s
}

// cpuReport: client CPU %, server CPU % and us per op, busy % per CPU between a and b.
func cpuReport(a, b cpuSnap, ops int64) string {
	wall := b.at.Sub(a.at).Seconds()
	self := (b.self - a.self).Seconds()
	out := fmt.Sprintf("client_cpu_pct=%.0f", 100*self/wall)
	if ops > 0 {
		out += fmt.Sprintf(" client_us_per_op=%.0f", self*1e6/float64(ops))
	}
	if a.haveSrv && b.haveSrv {
		srv := (b.server - a.server).Seconds()
		per := 0.0
		if ops > 0 {
			per = srv * 1e6 / float64(ops)
		}
		out += fmt.Sprintf(" server_cpu_pct=%.0f server_us_per_op=%.0f", 100*srv/wall, per)
	}
	var cpus []string
	for k := range b.perCPU {
		cpus = append(cpus, k)
	}
	slices.Sort(cpus)
	for _, k := range cpus {
		x, y := a.perCPU[k], b.perCPU[k]
		if y[1] > x[1] {
			out += fmt.Sprintf(" %s_busy_pct=%.0f", k, 100*float64(y[0]-x[0])/float64(y[1]-x[1]))
		}
	}
	return out
}

func pct(s []time.Duration, p float64) float64 {
	if len(s) == 0 {
		return 0
	}
	i := int(p*float64(len(s))+0.999999) - 1
	return float64(s[max(0, min(i, len(s)-1))].Microseconds()) / 1000
}

func report(r *result, elapsed time.Duration, cpu string) {
	slices.Sort(r.samples)
	ok := r.ok.Load()
	rate := float64(ok) / elapsed.Seconds()
	errs := sum(&r.errs)
	fmt.Printf("%s: %d ok in %.2f s = %.0f/s, p50 %.2f ms, p99 %.2f ms, max %.2f ms; resumed %d; errors %d (%s); %s; %s\n",
		*mode, ok, elapsed.Seconds(), rate, pct(r.samples, .5), pct(r.samples, .99), pct(r.samples, 1),
		r.resumed.Load(), errs, counts(&r.errs), counts(&r.versions), cpu)
	fmt.Printf("result mode=%s ok=%d secs=%.2f rate=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f resumed=%d errors=%d err_kinds=%s tls=%s %s\n",
		*mode, ok, elapsed.Seconds(), rate, pct(r.samples, .5), pct(r.samples, .99), pct(r.samples, 1),
		r.resumed.Load(), errs, counts(&r.errs), counts(&r.versions), cpu)
}

// timed runs worker(measuring, deadline) on -conns goroutines for warmup+duration and reports the window.
func timed(worker func(id int, r *result, measureFrom, end time.Time)) {
	r := &result{}
	start := time.Now()
	measureFrom := start.Add(*warmup)
	end := measureFrom.Add(*duration)
	var wg sync.WaitGroup
	for i := 0; i < *conns; i++ {
		wg.Add(1)
		go func(id int) { defer wg.Done(); worker(id, r, measureFrom, end) }(i)
	}
	time.Sleep(time.Until(measureFrom))
	a := snap()
	time.Sleep(time.Until(end))
	b := snap()
	// Workers stop on their own at end; one in flight ends within -timeout.
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(*opTimeout + time.Second):
		fmt.Fprintln(os.Stderr, "loadgen: some connections did not finish within the timeout")
	}
	report(r, b.at.Sub(a.at), cpuReport(a, b, r.ok.Load()))
}

func main() {
	flag.Parse()
	if h, _, err := net.SplitHostPort(*addr); err != nil || !net.ParseIP(h).IsLoopback() {
		fmt.Fprintln(os.Stderr, "loadgen: -addr must be a loopback address")
		os.Exit(2)
	}
	if *caFile != "" {
		pem, err := os.ReadFile(*caFile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "loadgen:", err)
			os.Exit(2)
		}
		roots = x509.NewCertPool()
		if !roots.AppendCertsFromPEM(pem) {
			fmt.Fprintln(os.Stderr, "loadgen: no certificate in", *caFile)
			os.Exit(2)
		}
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "loadgen:", err)
			os.Exit(2)
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM)
	go func() { <-sig; os.Exit(130) }()

	switch *mode {
	case "handshake":
		timed(func(id int, r *result, from, end time.Time) {
			rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), uint64(id)))
			local := make([]time.Duration, 0, 1<<14)
			for time.Now().Before(end) {
				host := nameOf(rng.IntN(*names))
				t0 := time.Now()
				lat := oneConnection(host, r)
				if lat >= 0 && !t0.Before(from) && time.Now().Before(end) {
					r.ok.Add(1)
					local = append(local, lat)
				}
			}
			r.add(local)
		})
	case "keepalive":
		timed(func(id int, r *result, from, end time.Time) {
			local := make([]time.Duration, 0, 1<<16)
			for time.Now().Before(end) {
				c, err := dial(*name, r)
				if err != nil {
					time.Sleep(10 * time.Millisecond)
					continue
				}
				br := bufio.NewReaderSize(c, 16384)
				for time.Now().Before(end) {
					t0 := time.Now()
					if !exchange(c, br, *name, r) {
						break
					}
					if !t0.Before(from) && time.Now().Before(end) {
						r.ok.Add(1)
						local = append(local, time.Since(t0))
					}
				}
				c.Close()
			}
			r.add(local)
		})
	case "sweep":
		n := *names
		if *limit > 0 {
			n = min(n, *limit)
		}
		order := rand.Perm(n)
		var next atomic.Int64
		r := &result{}
		deadline := time.Now().Add(*maxDuration)
		a := snap()
		var wg sync.WaitGroup
		for i := 0; i < *conns; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				local := make([]time.Duration, 0, n / *conns + 1)
				for time.Now().Before(deadline) {
					k := next.Add(1) - 1
					if k >= int64(n) {
						break
					}
					if lat := oneConnection(nameOf(order[k]), r); lat >= 0 {
						r.ok.Add(1)
						local = append(local, lat)
					}
				}
				r.add(local)
			}()
		}
		wg.Wait()
		b := snap()
		if next.Load() < int64(n) {
			fmt.Fprintf(os.Stderr, "loadgen: sweep stopped at the %s limit after %d of %d names\n", *maxDuration, next.Load(), n)
		}
		report(r, b.at.Sub(a.at), cpuReport(a, b, r.ok.Load()))
	case "probe":
		r := &result{}
		deadline := time.Now().Add(*probeTimeout)
		for attempts := 1; ; attempts++ {
			if lat := oneConnection(*name, r); lat >= 0 {
				ready := time.Since(time.Unix(0, *since)).Seconds()
				fmt.Printf("result mode=probe ready_s=%.2f attempts=%d\n", ready, attempts)
				return
			}
			if time.Now().After(deadline) {
				fmt.Printf("result mode=probe ready_s=-1 attempts=%d errors=%s\n", attempts, counts(&r.errs))
				os.Exit(1)
			}
			if *serverPid > 0 && !alive(*serverPid) {
				fmt.Printf("result mode=probe ready_s=-1 server_exited=1 attempts=%d errors=%s\n", attempts, counts(&r.errs))
				os.Exit(1)
			}
			time.Sleep(100 * time.Millisecond)
		}
	default:
		fmt.Fprintln(os.Stderr, "loadgen: unknown -mode", *mode)
		os.Exit(2)
	}
}
