#!/usr/bin/env bash
# Time from asking to having a certificate, Portico against Caddy on-demand TLS, in the same run, against the same
# local Pebble (PEBBLE_VA_NOSLEEP=1), one domain at a time and then N at once. Prints a table with ratios.
#   Portico: POST /domains -> status active (DomainsApi -> SQS -> IssueCertificate -> HTTP-01 via the edge proxy)
#   Caddy:   first TLS handshake for a new name -> handshake completes (on-demand issuance, HTTP-01)
# Usage: bench/issuance-latency.sh [N=20]. Loopback only; every request has a 120 s cap.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../local/lib/common.sh"
source "$REPO_DIR/local/lib/jdk.sh"
N=${1:-20}
OUT=$RUN_DIR/bench/issuance
mkdir -p "$OUT"
find_jdk
require_cmd caddy caddy
require_cmd curl curl
"$REPO_DIR/local/services" start >/dev/null

log "building"
export MAVEN_OPTS="--sun-misc-unsafe-memory-access=allow"
(cd "$REPO_DIR" && mvn -B -q -ntp install -DskipTests -DskipITs \
  && mvn -B -q -ntp -pl bench dependency:build-classpath -Dmdep.outputFile="$OUT/classpath") >/dev/null
CP=$(cat "$OUT/classpath")

log "portico: $N sequential, then $N at once"
java --enable-native-access=ALL-UNNAMED -Dlog4j2.level=WARN -cp "$REPO_DIR/bench/target/classes:$CP" \
  dev.portico.bench.IssuanceLatency "$N" | grep '^portico ' | tee "$OUT/portico.txt"

log "caddy $(caddy version | cut -d' ' -f1): $N sequential, then $N at once"
CADDY_DIR=$OUT/caddy; rm -rf "$CADDY_DIR"; mkdir -p "$CADDY_DIR"
HTTP01_PORT=$(grep PORTICO_HTTP01_PORT "$RUN_DIR/pebble.env" | cut -d= -f2)
cat >"$CADDY_DIR/Caddyfile" <<CADDY
{
	admin off
	http_port $HTTP01_PORT
	https_port 5443
	storage file_system $CADDY_DIR/data
	on_demand_tls {
		interval 1s
		burst 10000
	}
}
https:// {
	tls {
		on_demand
		issuer acme {
			dir $(grep PORTICO_ACME_DIRECTORY "$RUN_DIR/pebble.env" | cut -d= -f2)
			trusted_roots $(grep PORTICO_ACME_SERVER_CA "$RUN_DIR/pebble.env" | cut -d= -f2)
			disable_tlsalpn_challenge
		}
	}
	respond "ok"
}
CADDY
ensure_port_free caddy "$HTTP01_PORT"
XDG_DATA_HOME=$CADDY_DIR HOME=$CADDY_DIR caddy run --config "$CADDY_DIR/Caddyfile" --adapter caddyfile \
  >"$CADDY_DIR/log" 2>&1 &
CADDY_PID=$!
trap 'kill $CADDY_PID 2>/dev/null || true' EXIT
wait_for caddy 20 port_open 5443

handshake_ms() { # name -> milliseconds until the first TLS handshake for it completed, or "fail <curl error>"
  local t
  if t=$(curl -sSk --max-time 120 --resolve "$1:5443:127.0.0.1" "https://$1:5443/" -o /dev/null \
      -w '%{time_appconnect}' 2>"$CADDY_DIR/curl-$1.err"); then
    awk -v t="$t" 'BEGIN {printf "%d\n", t * 1000}'
  else
    echo "fail $(tr '\n' ' ' <"$CADDY_DIR/curl-$1.err")"
  fi
}
stats() { # mode file -> "caddy mode n p50 p95 max failed" over the handshakes that completed
  grep -v '^fail' "$2" | sort -n | awk -v mode="$1" -v failed="$(grep -c '^fail' "$2")" '{v[NR]=$1} END {
    p50=v[int(0.5*NR+0.999)]; p95=v[int(0.95*NR+0.999)]
    printf "caddy %s %d %d %d %d %d\n", mode, NR, p50, p95, v[NR], failed}'
}
run=$(date +%s)
handshake_ms "warmup-$run.bench.test" >/dev/null
: >"$CADDY_DIR/seq.txt"
for i in $(seq "$N"); do handshake_ms "seq$i-$run.bench.test" >>"$CADDY_DIR/seq.txt"; done
: >"$CADDY_DIR/burst.txt"
for i in $(seq "$N"); do handshake_ms "burst$i-$run.bench.test" >>"$CADDY_DIR/burst.txt" & done
wait_all=$(jobs -p | grep -v "^$CADDY_PID$" || true); for p in $wait_all; do wait "$p" || true; done
{ stats sequential "$CADDY_DIR/seq.txt"; stats burst "$CADDY_DIR/burst.txt"; } | tee "$OUT/caddy.txt"
kill $CADDY_PID 2>/dev/null || true

echo
printf '%-11s %3s | %12s %12s %7s | %12s %12s %7s\n' mode n "portico p50" "caddy p50" ratio "portico p95" "caddy p95" ratio
for mode in sequential burst; do
  read -r _ _ n pp50 pp95 _ < <(grep " $mode " "$OUT/portico.txt")
  read -r _ _ _ cp50 cp95 _ < <(grep " $mode " "$OUT/caddy.txt")
  awk -v m="$mode" -v n="$n" -v a="$pp50" -v b="$cp50" -v c="$pp95" -v d="$cp95" 'BEGIN {
    printf "%-11s %3d | %9d ms %9d ms %6.2fx | %9d ms %9d ms %6.2fx\n", m, n, a, b, (b > 0 ? a / b : 0), c, d, (d > 0 ? c / d : 0) }'
done
echo "(ratio = portico / caddy: below 1.00 means Portico had the certificate sooner)"
grep -h '^fail' "$CADDY_DIR/seq.txt" "$CADDY_DIR/burst.txt" | sort | uniq -c | sed 's/^/caddy handshakes that did not complete: /' || true
