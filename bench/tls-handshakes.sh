#!/usr/bin/env bash
# New TLS handshakes/s and keep-alive requests/s of the Portico edge proxy against Caddy (Debian package), serving
# the same N certificates (ECDSA P-256 from a local CA) and proxying to the same origin, in the same run (issue 4).
#
#   bench/tls-handshakes.sh [N...]          default: 1 10000 100000
#
# Per N: Redis (own instance) is emptied and filled with N certificates and active domain records exactly as
# Portico stores them (bench CertificateFill, through RedisStore/KeyEnvelope), and the same certificates are written
# as PEM files that Caddy loads. Then, for each server in turn (alone on CPU 0; load client, origin and Redis on
# CPU 1), measured by bench/loadgen (Go, stdlib crypto/tls):
#   ready      process start -> first successful handshake + GET for the last name d<N-1>.bench.test
#   verify     200 names with the chain verified against the local CA (must be error-free)
#   first pass every name once, shuffled (Portico: the cold pass, each handshake loads its certificate from Redis)
#   handshake  new connection per request, SNI random among the N names, full TLS 1.3 handshake (no resumption:
#              counted), GET / with Host = SNI, whole ~1 KB response, close; 3 s warm-up, 10 s measured
#   RSS        VmRSS after the first pass and the handshake run ("after warm-up")
#   keep-alive one name, persistent connections, GET / in a loop; 3 s warm-up, 10 s measured
# Caddy: JSON config, admin off, automatic HTTPS off, certificates by tls.certificates.load_files, certificate
# cache capacity raised to N+10000 (its default, 10,000, evicts certificates and fails handshakes beyond that).
# Portico: certificate and route caches sized N+10000 likewise (PORTICO_CERT/ROUTE_CACHE_MAX_ENTRIES).
# Prints a table with ratios Portico/Caddy; raw lines are kept in local/.run/bench/tls/.
#
# Knobs (environment): CONNS (32) concurrent connections; WARMUP (30s), DURATION (10s); PORTICO_JAVA_OPTS
# (-Xms512m -Xmx4g); SKIP_CADDY=1 / SKIP_PORTICO=1; ports BENCH_REDIS_PORT (6399), BENCH_ORIGIN_PORT (18081),
# BENCH_CADDY_PORT (18443), BENCH_PORTICO_HTTPS_PORT (18444), BENCH_PORTICO_HTTP_PORT (18080), BENCH_PORTICO_ADMIN_PORT (18090).
# Loopback only; every load loop is bounded in time (and the first pass in count); everything started is stopped
# on exit.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../local/lib/common.sh"
source "$REPO_DIR/local/lib/jdk.sh"
log() { printf '[tls-bench %s] %s\n' "$(date +%T)" "$*" >&2; }

NS=("$@")
((${#NS[@]})) || NS=(1 10000 100000)
CONNS=${CONNS:-32}
# 30 s: both servers reach steady state (the JVM's JIT needs it; a long-running proxy serves at steady state).
WARMUP=${WARMUP:-30s}
DURATION=${DURATION:-10s}
PORTICO_JAVA_OPTS=${PORTICO_JAVA_OPTS:--Xms512m -Xmx4g}
REDIS_PORT=${BENCH_REDIS_PORT:-6399}
ORIGIN_PORT=${BENCH_ORIGIN_PORT:-18081}
CADDY_PORT=${BENCH_CADDY_PORT:-18443}
PORTICO_HTTPS_PORT=${BENCH_PORTICO_HTTPS_PORT:-18444}
PORTICO_HTTP_PORT=${BENCH_PORTICO_HTTP_PORT:-18080}
PORTICO_ADMIN_PORT=${BENCH_PORTICO_ADMIN_PORT:-18090}
SERVER_CPU=0
CLIENT_CPU=1

OUT=$RUN_DIR/bench/tls
mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/portico-tls-bench.XXXXXX)
RESULTS=$OUT/results.txt
: >"$RESULTS"

PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- prerequisites -------------------------------------------------------------------------------------------------
find_jdk
for c in redis-server:redis-server caddy:caddy nginx:nginx taskset:util-linux; do
  command -v "${c%%:*}" >/dev/null || { log "installing ${c#*:}"; apt-get install -y -qq "${c#*:}" >/dev/null; }
done
command -v go >/dev/null || die "go not found (bench/loadgen needs Go >= 1.24)"
(($(nproc) >= 2)) || die "needs 2 CPUs: the server on CPU $SERVER_CPU, the load on CPU $CLIENT_CPU"
for p in $REDIS_PORT $ORIGIN_PORT $CADDY_PORT $PORTICO_HTTPS_PORT $PORTICO_HTTP_PORT $PORTICO_ADMIN_PORT; do ensure_port_free tls-bench "$p"; done
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

RUN_PORTICO=1
if [[ ${SKIP_PORTICO:-0} == 1 ]]; then
  RUN_PORTICO=0; log "portico: skipped (SKIP_PORTICO=1)"
elif ! grep -rqs PORTICO_HTTPS_PORT "$REPO_DIR/edge-proxy/src/main/java"; then
  RUN_PORTICO=0; log "portico: SKIPPED: the edge proxy has no HTTPS port yet (no PORTICO_HTTPS_PORT in edge-proxy/src/main/java)"
elif [[ ! -f $REPO_DIR/edge-proxy/target/classes/dev/portico/edge/EdgeProxy.class ]]; then
  die "edge-proxy is not compiled: build it first (mvn -pl edge-proxy -am package -DskipTests)"
fi
RUN_CADDY=1
[[ ${SKIP_CADDY:-0} == 1 ]] && { RUN_CADDY=0; log "caddy: skipped (SKIP_CADDY=1)"; }

log "building the filler (bench module) and the load client; work dir $WORK"
export MAVEN_OPTS="${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}"
# Only the filler is compiled (javac, against the bench module's classpath from ~/.m2), so the run depends on nothing
# else in bench/ compiling at that moment.
(cd "$REPO_DIR" && mvn -B -q -ntp -pl bench dependency:build-classpath -Dmdep.outputFile="$OUT/bench-classpath" \
  -Dmdep.includeScope=runtime \
  && javac --release 21 -nowarn -d "$WORK/fill-classes" -cp "$(cat "$OUT/bench-classpath")" \
    bench/src/main/java/dev/portico/bench/CertificateFill.java) >"$OUT/build.log" 2>&1 \
  || { tail -30 "$OUT/build.log" >&2; die "building the filler failed"; }
if ((RUN_PORTICO)); then
  (cd "$REPO_DIR" && mvn -B -q -ntp -pl edge-proxy dependency:build-classpath -Dmdep.outputFile="$OUT/edge-classpath" \
    -Dmdep.includeScope=runtime) >>"$OUT/build.log" 2>&1 || { tail -30 "$OUT/build.log" >&2; die "edge-proxy classpath failed"; }
  newer=$(find "$REPO_DIR/edge-proxy/src/main/java" -name '*.java' -newer "$REPO_DIR/edge-proxy/target/classes/dev/portico/edge/EdgeProxy.class" | head -3)
  [[ -z $newer ]] || log "warning: edge-proxy sources are newer than target/classes (e.g. ${newer##*/}): rebuild it for current figures"
  # A snapshot, so a rebuild of edge-proxy during the run (others' builds clean target/) cannot pull classes away.
  # Taken once the directory has not changed for 3 s (up to 2 min), so a build in progress is not half-copied.
  classes_state() { (cd "$1" 2>/dev/null && find . -type f -printf '%P %s\n' | sort | md5sum); }
  for _ in $(seq 40); do
    before=$(find "$REPO_DIR/edge-proxy/target/classes" -type f -printf '%P %s %T@\n' 2>/dev/null | sort | md5sum)
    sleep 3
    after=$(find "$REPO_DIR/edge-proxy/target/classes" -type f -printf '%P %s %T@\n' 2>/dev/null | sort | md5sum)
    [[ $before == "$after" && -f $REPO_DIR/edge-proxy/target/classes/dev/portico/edge/EdgeProxyConfig.class ]] || continue
    rm -rf "$WORK/edge-classes"; cp -r "$REPO_DIR/edge-proxy/target/classes" "$WORK/edge-classes"
    [[ $(classes_state "$WORK/edge-classes") == "$(classes_state "$REPO_DIR/edge-proxy/target/classes")" ]] && break
  done
  [[ -f $WORK/edge-classes/dev/portico/edge/EdgeProxyConfig.class ]] || die "edge-proxy/target/classes keeps changing (a build is running): run again"
  log "portico: edge-proxy classes of $(date -r "$WORK/edge-classes/dev/portico/edge/EdgeProxy.class" +%T), repo at $(git -C "$REPO_DIR" rev-parse --short HEAD)"
fi
(cd "$REPO_DIR/bench/loadgen" && go build -o "$WORK/loadgen" .)
LOADGEN=(taskset -c "$CLIENT_CPU" "$WORK/loadgen")

# --- shared services: Redis and the origin (CPU 1) -----------------------------------------------------------------
mkdir -p "$WORK/redis"
taskset -c "$CLIENT_CPU" redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no \
  --dir "$WORK/redis" --logfile "$WORK/redis/log" --protected-mode yes &
PIDS+=($!)
# The origin: nginx (Debian), one worker, a 1,024-byte static page, keep-alive for the proxies' upstream pools.
# (Python's http.server would cap the keep-alive runs at a few thousand req/s on its one core; nginx costs the
# shared CPU a few microseconds per request.)
mkdir -p "$WORK/origin/www" "$WORK/origin/tmp"
head -c 1024 /dev/zero | tr '\0' 'x' >"$WORK/origin/www/index.html"
cat >"$WORK/origin/nginx.conf" <<NGINX
worker_processes 1;
daemon off;
master_process off;
pid $WORK/origin/nginx.pid;
error_log $WORK/origin/error.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  client_body_temp_path $WORK/origin/tmp;
  proxy_temp_path $WORK/origin/tmp;
  fastcgi_temp_path $WORK/origin/tmp;
  uwsgi_temp_path $WORK/origin/tmp;
  scgi_temp_path $WORK/origin/tmp;
  keepalive_requests 1000000;
  keepalive_timeout 75s;
  server {
    listen 127.0.0.1:$ORIGIN_PORT;
    location / { root $WORK/origin/www; try_files /index.html =404; default_type text/plain; }
  }
}
NGINX
taskset -c "$CLIENT_CPU" nginx -p "$WORK/origin" -e "$WORK/origin/error.log" -c "$WORK/origin/nginx.conf" &
PIDS+=($!)
wait_for redis 20 port_open "$REDIS_PORT"
wait_for origin 20 port_open "$ORIGIN_PORT"
[[ $(curl -s "http://127.0.0.1:$ORIGIN_PORT/" | wc -c) == 1024 ]] || die "origin does not serve 1024 bytes"

# --- helpers -------------------------------------------------------------------------------------------------------
field() { grep -o "\b$2=[^ ]*" <<<"$1" | head -1 | cut -d= -f2; } # field LINE KEY
rss_mb() { awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
record() { echo "$1 $2 $3=$4" >>"$RESULTS"; } # server N key value
stop_pid() {
  local pid=$1
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# measure SERVER N PID START_NS: every figure of one server at one N; the server is already starting.
measure() {
  local server=$1 n=$2 pid=$3 started=$4 port line last
  port=$([[ $server == caddy ]] && echo "$CADDY_PORT" || echo "$PORTICO_HTTPS_PORT")
  last="d$((n - 1)).bench.test"
  local lg=("${LOADGEN[@]}" -addr "127.0.0.1:$port" -names "$n" -server-pid "$pid")

  line=$("${lg[@]}" -mode probe -name "$last" -since "$started" -probe-timeout 15m -timeout 5s | tail -1 || true)
  [[ $(field "$line" server_exited) != 1 ]] || { tail -5 "$OUT/$server-$n.log" >&2; die "$server exited during start-up (log: $OUT/$server-$n.log)"; }
  [[ $(field "$line" ready_s) != -1 ]] || die "$server did not answer a handshake for $last within 15 min: $line"
  record "$server" "$n" ready_s "$(field "$line" ready_s)"
  record "$server" "$n" rss_ready_mb "$(rss_mb "$pid")"
  log "$server N=$n: ready after $(field "$line" ready_s) s, RSS $(rss_mb "$pid") MB"

  line=$("${lg[@]}" -mode sweep -limit 200 -conns 4 -ca "$WORK/fill/ca.pem" | grep '^result')
  [[ $(field "$line" errors) == 0 && $(field "$line" resumed) == 0 ]] \
    || die "$server N=$n: verification pass failed: $line"
  log "$server N=$n: $(field "$line" ok) names verified against the local CA ($(field "$line" tls)), none resumed"

  line=$("${lg[@]}" -mode sweep -conns "$CONNS" -max-duration 15m | tee -a "$OUT/$server-$n.loadgen" | grep '^result')
  for k in rate p50_ms p99_ms errors resumed; do record "$server" "$n" "sweep_$k" "$(field "$line" "$k")"; done
  record "$server" "$n" rss_swept_mb "$(rss_mb "$pid")"
  log "$server N=$n: first pass over all $n names: $(field "$line" rate)/s, p50 $(field "$line" p50_ms) ms, p99 $(field "$line" p99_ms) ms, errors $(field "$line" err_kinds), RSS $(rss_mb "$pid") MB"

  line=$("${lg[@]}" -mode handshake -conns "$CONNS" -warmup "$WARMUP" -duration "$DURATION" | tee -a "$OUT/$server-$n.loadgen" | grep '^result')
  for k in rate p50_ms p99_ms errors err_kinds resumed client_cpu_pct client_us_per_op server_cpu_pct server_us_per_op cpu${SERVER_CPU}_busy_pct cpu${CLIENT_CPU}_busy_pct; do
    record "$server" "$n" "hs_$k" "$(field "$line" "$k")"
  done
  record "$server" "$n" rss_warm_mb "$(rss_mb "$pid")"
  log "$server N=$n: handshakes $(field "$line" rate)/s, p50 $(field "$line" p50_ms) ms, p99 $(field "$line" p99_ms) ms, resumed $(field "$line" resumed), errors $(field "$line" err_kinds); server CPU $(field "$line" server_cpu_pct)% ($(field "$line" server_us_per_op) us/conn), client CPU $(field "$line" client_cpu_pct)% ($(field "$line" client_us_per_op) us/conn), CPU$CLIENT_CPU busy $(field "$line" cpu${CLIENT_CPU}_busy_pct)%; RSS $(rss_mb "$pid") MB"

  line=$("${lg[@]}" -mode keepalive -name d0.bench.test -conns "$CONNS" -warmup "$WARMUP" -duration "$DURATION" | tee -a "$OUT/$server-$n.loadgen" | grep '^result')
  for k in rate p50_ms p99_ms errors err_kinds client_cpu_pct server_cpu_pct cpu${CLIENT_CPU}_busy_pct; do
    record "$server" "$n" "ka_$k" "$(field "$line" "$k")"
  done
  log "$server N=$n: keep-alive $(field "$line" rate) req/s, p50 $(field "$line" p50_ms) ms, p99 $(field "$line" p99_ms) ms, errors $(field "$line" err_kinds); server CPU $(field "$line" server_cpu_pct)%, client CPU $(field "$line" client_cpu_pct)%, CPU$CLIENT_CPU busy $(field "$line" cpu${CLIENT_CPU}_busy_pct)%"
}

run_caddy() {
  local n=$1 dir=$WORK/caddy started pid
  rm -rf "$dir"; mkdir -p "$dir"
  {
    cat <<JSON
{
  "admin": {"disabled": true},
  "logging": {"logs": {"default": {"level": "ERROR"}}},
  "storage": {"module": "file_system", "root": "$dir/data"},
  "apps": {
    "http": {"servers": {"bench": {
      "listen": ["127.0.0.1:$CADDY_PORT"],
      "automatic_https": {"disable": true},
      "tls_connection_policies": [{}],
      "routes": [{"handle": [{"handler": "reverse_proxy", "upstreams": [{"dial": "127.0.0.1:$ORIGIN_PORT"}]}]}]
    }}},
    "tls": {
      "cache": {"capacity": $((n + 10000))},
      "certificates": {"load_files":
JSON
    cat "$WORK/fill/caddy-load-files.json"
    echo '      }}}}'
  } >"$dir/caddy.json"
  started=$(date +%s%N)
  HOME=$dir XDG_DATA_HOME=$dir/data XDG_CONFIG_HOME=$dir/config \
    taskset -c "$SERVER_CPU" caddy run --config "$dir/caddy.json" >"$OUT/caddy-$n.log" 2>&1 &
  pid=$!
  PIDS+=("$pid")
  measure caddy "$n" "$pid" "$started"
  stop_pid "$pid"
}

run_portico() {
  # Its edge cache off: Caddy here caches nothing, so both proxy every request to the origin. Its certificate and
  # route caches sized above N as edge-proxy/README.md tells operators to (like Caddy's capacity above): the default
  # of 50,000 kept about 3 handshakes in 10 reloading their certificate from Redis at N = 100k.
  local n=$1 started pid
  started=$(date +%s%N)
  # shellcheck disable=SC2086
  env PORTICO_BIND_ADDRESS=127.0.0.1 PORTICO_HTTP_PORT="$PORTICO_HTTP_PORT" PORTICO_HTTPS_PORT="$PORTICO_HTTPS_PORT" \
    PORTICO_ADMIN_PORT="$PORTICO_ADMIN_PORT" PORTICO_REDIS_URL="redis://127.0.0.1:$REDIS_PORT" PORTICO_LOCAL_MASTER_KEY_FILE="$WORK/master.key" \
    PORTICO_ACCESS_LOG=OFF PORTICO_LOG_LEVEL=WARN PORTICO_CACHE_MAX_BYTES=0 PORTICO_CERT_CACHE_MAX_ENTRIES="$((n + 10000))" \
    PORTICO_ROUTE_CACHE_MAX_ENTRIES="$((n + 10000))" \
    taskset -c "$SERVER_CPU" java --enable-native-access=ALL-UNNAMED $PORTICO_JAVA_OPTS \
    -cp "$WORK/edge-classes:$(cat "$OUT/edge-classpath")" dev.portico.edge.EdgeProxy \
    >"$OUT/portico-$n.log" 2>&1 &
  pid=$!
  PIDS+=("$pid")
  measure portico "$n" "$pid" "$started"
  stop_pid "$pid"
}

# --- the runs ------------------------------------------------------------------------------------------------------
T0=$SECONDS
for n in "${NS[@]}"; do
  log "N=$n: filling Redis and writing PEM files"
  redis-cli -p "$REDIS_PORT" FLUSHALL >/dev/null
  rm -rf "$WORK/fill"
  line=$(java -cp "$WORK/fill-classes:$(cat "$OUT/bench-classpath")" \
    dev.portico.bench.CertificateFill "$n" "$WORK/fill" "redis://127.0.0.1:$REDIS_PORT" "$WORK/master.key" \
    "http://127.0.0.1:$ORIGIN_PORT" 8 2>"$OUT/fill-$n.log" | tail -1) || { tail "$OUT/fill-$n.log" >&2; die "fill failed"; }
  record fill "$n" secs "$(field "$line" secs)"
  log "N=$n: $line; Redis used_memory $(redis-cli -p "$REDIS_PORT" info memory | awk -F: '/^used_memory_human/ {print $2}' | tr -d '\r')"
  if ((RUN_CADDY)); then run_caddy "$n"; fi
  if ((RUN_PORTICO)); then run_portico "$n"; fi
done
log "all runs took $((SECONDS - T0)) s"

# --- the table -----------------------------------------------------------------------------------------------------
echo
echo "TLS on $(nproc) CPUs ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)): server alone on CPU $SERVER_CPU;" \
  "load client, origin (nginx, 1 KB) and Redis on CPU $CLIENT_CPU; $CONNS connections; caddy $(caddy version | cut -d' ' -f1)"
awk -v ns="${NS[*]}" '
  { split($3, kv, "="); v[$1, $2, kv[1]] = kv[2] }
  function val(s, n, k) { return ((s, n, k) in v) && v[s, n, k] != "" ? v[s, n, k] : "" }
  function cell(x) { return x == "" ? "pending" : x }
  function ratio(p, c) { return (p == "" || c == "" || c + 0 == 0) ? "-" : sprintf("%.2fx", p / c) }
  function bound(srv, cli) { return (cli + 0 >= 95 && srv + 0 < 90) ? " (CLIENT-BOUND: the load side, not the server, was the limit)" : "" }
  function row(label, n, k) {
    p = val("portico", n, k); c = val("caddy", n, k)
    printf "| %s | %s | %s | %s | %s |\n", n, label, cell(p), cell(c), ratio(p, c)
  }
  END {
    print "| N | measure | Portico | Caddy | Portico/Caddy |"
    print "|---|---|---|---|---|"
    split(ns, list, " ")
    for (i = 1; i in list; i++) {
      n = list[i]
      row("new TLS connections/s (random SNI)", n, "hs_rate")
      row("  p50 ms", n, "hs_p50_ms"); row("  p99 ms", n, "hs_p99_ms")
      row("  server CPU us per connection", n, "hs_server_us_per_op")
      row("keep-alive requests/s (one name)", n, "ka_rate")
      row("  p50 ms", n, "ka_p50_ms"); row("  p99 ms", n, "ka_p99_ms")
      row("first pass over all N names, conn/s", n, "sweep_rate")
      row("  p99 ms", n, "sweep_p99_ms")
      row("RSS after warm-up, MB", n, "rss_warm_mb")
      row("start-up until a handshake for d<N-1>, s", n, "ready_s")
    }
    for (i = 1; i in list; i++) {
      n = list[i]; if (n + 0 <= 1) continue
      for (s = 1; s <= 2; s++) {
        srv = s == 1 ? "portico" : "caddy"
        a = val(srv, 1, "rss_warm_mb"); b = val(srv, n, "rss_warm_mb")
        if (a != "" && b != "") printf "%s: memory per certificate at N=%d: %.1f KB ((RSS_N - RSS_1) / (N - 1))\n", srv, n, (b - a) * 1024 / (n - 1)
      }
    }
    for (i = 1; i in list; i++) {
      n = list[i]; if (n + 0 <= 1) continue
      a = val("portico", 1, "hs_rate"); b = val("portico", n, "hs_rate")
      if (a != "" && b != "") printf "goal: portico handshakes/s at N=%d / at N=1 = %.2f (>= 0.95)\n", n, b / a
    }
    for (i = 1; i in list; i++) {
      n = list[i]
      for (s = 1; s <= 2; s++) {
        srv = s == 1 ? "portico" : "caddy"
        if (val(srv, n, "hs_rate") == "") continue
        printf "%s N=%s: handshakes: server CPU %s%% of CPU0 (CPU0 busy %s%%), client %s us/conn, CPU1 busy %s%%%s; keep-alive: server CPU %s%%, CPU1 busy %s%%%s; errors %s / %s; resumed %s\n", srv, n,
          val(srv, n, "hs_server_cpu_pct"), val(srv, n, "hs_cpu0_busy_pct"), val(srv, n, "hs_client_us_per_op"), val(srv, n, "hs_cpu1_busy_pct"),
          bound(val(srv, n, "hs_server_cpu_pct"), val(srv, n, "hs_cpu1_busy_pct")),
          val(srv, n, "ka_server_cpu_pct"), val(srv, n, "ka_cpu1_busy_pct"), bound(val(srv, n, "ka_server_cpu_pct"), val(srv, n, "ka_cpu1_busy_pct")),
          val(srv, n, "hs_err_kinds"), val(srv, n, "ka_err_kinds"), val(srv, n, "hs_resumed")
      }
    }
  }' "$RESULTS" | tee "$OUT/table.md"
echo "(raw figures: $RESULTS; server logs and loadgen output: $OUT)"
