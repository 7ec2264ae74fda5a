#!/usr/bin/env bash
# HTTP caching conformance of the Portico edge proxy's shared cache against nginx proxy_cache (Debian), with the
# third-party suite http-cache-tests (npm, pinned by bench/cache-conformance/package-lock.json), same suite version,
# same run, same origin.
#
#   bench/cache-conformance.sh
#
# What runs, all on 127.0.0.1 (free ports picked at start), every process under `timeout` and stopped on exit:
#   suite origin  the package's own server (server/server.mjs, plain HTTP), bound to 127.0.0.1 by preload.cjs
#   redis         an own redis-server (no persistence, never 6390) holding one domain, cache-tests.portico.test,
#                 origin = the suite origin, with an active certificate from a local CA (bench DomainFill: the same
#                 store calls as CertificateFill / a real issuance)
#   portico       edge-proxy from edge-proxy/target (built here first; a copy is run so a concurrent rebuild cannot
#                 pull it away), HTTPS only: SNI and Host must be the registered name
#   nginx         proxy_cache, cache key "$scheme://$host$request_uri" (the default key ignores Host), revalidation
#                 with conditional requests on, TLS with the same certificate, everything else at its defaults
#   client        the suite's runner (bench/cache-conformance/run-suite.mjs: what the package's cli.mjs does, with a
#                 per-request and an overall timeout) once per proxy, base https://cache-tests.portico.test:<port>.
#                 Node resolves that one name to 127.0.0.1 through a -r preload (no /etc/hosts change) and trusts the
#                 local CA through NODE_EXTRA_CA_CERTS.
# The suite's client speaks HTTPS as is (node-fetch over node's https: SNI and Host from the URL), so no plain-HTTP
# door is needed. Tests run 100 at a time (the suite's own chunking); one run takes ~20 s per proxy.
# Prints passed / failed (required) / optional-failed / total per proxy and Portico's failed required tests; writes
# local/.run/cache-tests/{portico,nginx,summary}.json and, beside them, the logs: every exchange the client saw
# (<proxy>-exchanges.jsonl, with the full headers of answers that do not come from the test's own origin request),
# every request the origin answered (origin-requests.jsonl), the proxies' own logs.
#
# Knobs (environment): CACHE_TESTS_SKIP_BUILD=1 (use edge-proxy/target as it is), CACHE_TESTS_TIMEOUT (1800 s, the
# bound on every process started), CACHE_TESTS_SUITE_TIMEOUT (600 s per suite run), CACHE_TESTS_REQUEST_TIMEOUT_MS
# (60000), CACHE_TESTS_ONLY=portico|nginx, CACHE_TESTS_ID=<test id> (that test alone, its exchanges printed, results
# in local/.run/cache-tests/one-test/), CACHE_TESTS_HOLD=<seconds> (keep everything running that long after the runs,
# to look at the origin's state: GET http://127.0.0.1:<origin port>/state/<test uuid>).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../local/lib/common.sh"
source "$REPO_DIR/local/lib/jdk.sh"
log() { printf '[cache-tests %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { printf '[cache-tests] error: %s\n' "$*" >&2; exit 1; }

NAME=cache-tests.portico.test
TIMEOUT=${CACHE_TESTS_TIMEOUT:-1800}
SUITE_TIMEOUT=${CACHE_TESTS_SUITE_TIMEOUT:-600}
REQUEST_TIMEOUT_MS=${CACHE_TESTS_REQUEST_TIMEOUT_MS:-60000}
ONLY=${CACHE_TESTS_ONLY:-}
HERE=$REPO_DIR/bench/cache-conformance
TEST_ID=${CACHE_TESTS_ID:-}
OUT=$RUN_DIR/cache-tests
SUITE=$OUT/suite
[[ -z $TEST_ID ]] || OUT=$OUT/one-test
mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/portico-cache-tests.XXXXXX)

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
# start_bg CMD...: start CMD in the background under the overall timeout, remember its pid.
start_bg() { timeout -k 5 "$TIMEOUT" "$@" & PIDS+=($!); }

# --- prerequisites -------------------------------------------------------------------------------------------------
find_jdk
for c in redis-server:redis-server nginx:nginx curl:curl; do
  command -v "${c%%:*}" >/dev/null || { log "installing ${c#*:}"; apt-get install -y -qq "${c#*:}" >/dev/null; }
done
command -v node >/dev/null && command -v npm >/dev/null || die "node and npm are needed (Debian: apt-get install nodejs npm)"
(($(node -p 'process.versions.node.split(".")[0]') >= 16)) || die "node >= 16 needed, found $(node --version)"

# Free loopback ports, picked by the kernel (6390 is the local services' Redis: never that one).
read -r REDIS_PORT ORIGIN_PORT HTTPS_PORT HTTP_PORT ADMIN_PORT NGINX_PORT < <(node -e '
  const net = require("net"); const servers = []; const ports = []
  const next = () => { const s = net.createServer(); s.listen(0, "127.0.0.1", () => {
    const p = s.address().port; servers.push(s); if (p !== 6390) ports.push(p)
    if (ports.length < 6) next(); else { console.log(ports.join(" ")); servers.forEach(x => x.close()) } }) }
  next()')

log "installing the suite (npm ci, pinned lock file) in $SUITE"
mkdir -p "$SUITE"
cp "$HERE/package.json" "$HERE/package-lock.json" "$SUITE/"
if ! cmp -s "$SUITE/package-lock.json" "$SUITE/node_modules/.package-lock.json.used" 2>/dev/null; then
  (cd "$SUITE" && timeout 300 npm ci --no-audit --no-fund --loglevel=error) >"$OUT/npm.log" 2>&1 \
    || { tail -20 "$OUT/npm.log" >&2; die "npm ci failed"; }
  cp "$SUITE/package-lock.json" "$SUITE/node_modules/.package-lock.json.used"
fi
SUITE_VERSION=$(node -p "require('$SUITE/node_modules/http-cache-tests/package.json').version")
PKG=$SUITE/node_modules/http-cache-tests

export MAVEN_OPTS="${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}"
if [[ ${CACHE_TESTS_SKIP_BUILD:-0} != 1 ]]; then
  log "packaging edge-proxy (mvn -pl edge-proxy package)"
  (cd "$REPO_DIR" && timeout 600 mvn -B -q -ntp -pl edge-proxy package -DskipTests -DskipITs) >"$OUT/build.log" 2>&1 \
    || { tail -30 "$OUT/build.log" >&2; die "packaging edge-proxy failed (log: $OUT/build.log)"; }
fi
JAR=$(ls "$REPO_DIR"/edge-proxy/target/portico-edge-proxy-*.jar 2>/dev/null | grep -v -- '-sources' | head -1 || true)
[[ -n $JAR && -d $REPO_DIR/edge-proxy/target/lib ]] || die "no edge-proxy/target/portico-edge-proxy-*.jar and lib/: package it first"
mkdir -p "$WORK/edge"
cp "$JAR" "$WORK/edge/" && cp -r "$REPO_DIR/edge-proxy/target/lib" "$WORK/edge/lib"
JAR_TIME=$(date -u -r "$JAR" +%FT%TZ)
REPO_COMMIT=$(git -C "$REPO_DIR" rev-parse --short HEAD)
REPO_DIRTY=$(git -C "$REPO_DIR" status --porcelain -- edge-proxy/src/main | wc -l)
log "portico: $(basename "$JAR") of $JAR_TIME, repo at $REPO_COMMIT ($REPO_DIRTY uncommitted edge-proxy source files)"

log "compiling the domain filler (bench CertificateFill + DomainFill, against the bench module's classpath)"
(cd "$REPO_DIR" && timeout 300 mvn -B -q -ntp -pl bench dependency:build-classpath -Dmdep.outputFile="$WORK/bench-classpath" \
  -Dmdep.includeScope=runtime \
  && javac --release 21 -nowarn -d "$WORK/fill-classes" -cp "$(cat "$WORK/bench-classpath")" \
    bench/src/main/java/dev/portico/bench/CertificateFill.java bench/src/main/java/dev/portico/bench/DomainFill.java) \
  >>"$OUT/build.log" 2>&1 || { tail -30 "$OUT/build.log" >&2; die "building the filler failed"; }

# --- Redis, the suite's origin, the domain -------------------------------------------------------------------------
mkdir -p "$WORK/redis"; rm -f "$OUT/origin-requests.jsonl"
start_bg redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$WORK/redis" \
  --logfile "$OUT/redis.log" --protected-mode yes
(cd "$PKG" && CACHE_TESTS_LISTEN_HOST=127.0.0.1 CACHE_TESTS_ORIGIN_LOG="$OUT/origin-requests.jsonl" npm_config_protocol=http npm_config_port="$ORIGIN_PORT" \
  npm_config_pidfile="$WORK/origin.pid" exec timeout -k 5 "$TIMEOUT" node -r "$HERE/preload.cjs" server/server.mjs) \
  >"$OUT/origin.log" 2>&1 &
PIDS+=($!)
wait_for redis 20 port_open "$REDIS_PORT"
wait_for origin 20 port_open "$ORIGIN_PORT"

line=$(timeout 120 java -cp "$WORK/fill-classes:$(cat "$WORK/bench-classpath")" dev.portico.bench.DomainFill \
  "$NAME" "$WORK/fill" "redis://127.0.0.1:$REDIS_PORT" "$WORK/master.key" "http://127.0.0.1:$ORIGIN_PORT" \
  2>"$OUT/fill.log" | tail -1) || { tail "$OUT/fill.log" >&2; die "registering $NAME failed"; }
log "$line"
CA=$WORK/fill/ca.pem
awk '/BEGIN CERTIFICATE/,/END CERTIFICATE/' "$WORK/fill/$NAME.pem" >"$WORK/fill/chain.pem"
awk '/BEGIN PRIVATE KEY/,/END PRIVATE KEY/' "$WORK/fill/$NAME.pem" >"$WORK/fill/key.pem"
probe() { # probe PORT: a request through the proxy reaches the suite's origin (404 "State not found")
  curl -s -o /dev/null -w '%{http_code}' --max-time 5 --resolve "$NAME:$1:127.0.0.1" --cacert "$CA" \
    "https://$NAME:$1/state/probe" 2>/dev/null | grep -qx 404
}

# --- the two caches ------------------------------------------------------------------------------------------------
if [[ $ONLY != nginx ]]; then
  (cd "$WORK/edge" && exec env PORTICO_BIND_ADDRESS=127.0.0.1 PORTICO_HTTP_PORT="$HTTP_PORT" PORTICO_HTTPS_PORT="$HTTPS_PORT" \
    PORTICO_ADMIN_PORT="$ADMIN_PORT" PORTICO_REDIS_URL="redis://127.0.0.1:$REDIS_PORT" \
    PORTICO_LOCAL_MASTER_KEY_FILE="$WORK/master.key" \
    timeout -k 5 "$TIMEOUT" java --enable-native-access=ALL-UNNAMED -XX:+UseG1GC -Xmx512m -XX:MaxDirectMemorySize=128m \
    -XX:+ExitOnOutOfMemoryError -cp '*:lib/*' dev.portico.edge.EdgeProxy) >"$OUT/portico.log" 2>&1 &
  PIDS+=($!)
  PORTICO_PID=$!
  for _ in $(seq 300); do probe "$HTTPS_PORT" && break; kill -0 "$PORTICO_PID" 2>/dev/null || break; sleep 0.2; done
  probe "$HTTPS_PORT" || { tail -20 "$OUT/portico.log" >&2; die "portico does not proxy https://$NAME:$HTTPS_PORT/ to the origin"; }
  log "portico ready on https://$NAME:$HTTPS_PORT"
fi
if [[ $ONLY != portico ]]; then
  mkdir -p "$WORK/nginx/tmp" "$WORK/nginx/cache"
  cat >"$WORK/nginx/nginx.conf" <<NGINX
worker_processes 1;
daemon off;
master_process off;
pid $WORK/nginx/nginx.pid;
error_log $OUT/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log $OUT/nginx-access.log;
  client_body_temp_path $WORK/nginx/tmp;
  proxy_temp_path $WORK/nginx/tmp;
  fastcgi_temp_path $WORK/nginx/tmp;
  uwsgi_temp_path $WORK/nginx/tmp;
  scgi_temp_path $WORK/nginx/tmp;
  proxy_cache_path $WORK/nginx/cache levels=1:2 keys_zone=tests:10m max_size=256m inactive=1h use_temp_path=off;
  upstream origin { server 127.0.0.1:$ORIGIN_PORT; keepalive 16; }
  server {
    listen 127.0.0.1:$NGINX_PORT ssl;
    server_name $NAME;
    ssl_certificate $WORK/fill/chain.pem;
    ssl_certificate_key $WORK/fill/key.pem;
    location / {
      proxy_pass http://origin;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_cache tests;
      proxy_cache_key \$scheme://\$host\$request_uri;
      proxy_cache_revalidate on;
    }
  }
}
NGINX
  start_bg nginx -p "$WORK/nginx" -e "$OUT/nginx-error.log" -c "$WORK/nginx/nginx.conf"
  for _ in $(seq 100); do probe "$NGINX_PORT" && break; sleep 0.2; done
  probe "$NGINX_PORT" || { tail -20 "$OUT/nginx-error.log" >&2; die "nginx does not proxy https://$NAME:$NGINX_PORT/ to the origin"; }
  log "nginx $(nginx -v 2>&1 | sed 's|.*/||') ready on https://$NAME:$NGINX_PORT"
fi

# --- the suite, once per cache -------------------------------------------------------------------------------------
run_suite() { # run_suite LABEL PORT
  local t0=$SECONDS rc=0
  log "$1: running http-cache-tests@$SUITE_VERSION against https://$NAME:$2"
  rm -f "$OUT/$1-exchanges.jsonl"
  CLIENT_LOG=$OUT/$1-exchanges.jsonl TEST_ID=$TEST_ID NODE_EXTRA_CA_CERTS=$CA CACHE_TESTS_RESOLVE=$NAME REQUEST_TIMEOUT_MS=$REQUEST_TIMEOUT_MS \
    DEADLINE_MS=$(((SUITE_TIMEOUT - 20) * 1000)) \
    timeout -k 5 "$SUITE_TIMEOUT" node -r "$HERE/preload.cjs" "$HERE/run-suite.mjs" "$SUITE" "https://$NAME:$2" "$1" \
    "$OUT/$1.json" >"$OUT/$1-client.log" 2>&1 || rc=$?
  [[ -s $OUT/$1.json ]] || { tail -20 "$OUT/$1-client.log" >&2; die "$1: the suite wrote no results (exit $rc)"; }
  [[ -z $TEST_ID ]] || cat "$OUT/$1-client.log" >&2
  ((rc == 0)) || log "$1: the suite run did not finish in time (exit $rc): unfinished tests are counted as untested"
  log "$(tail -1 "$OUT/$1-client.log") (wall $((SECONDS - t0)) s)"
}
T0=$SECONDS
LABELS=()
if [[ $ONLY != nginx ]]; then run_suite portico "$HTTPS_PORT"; LABELS+=(portico); fi
if [[ $ONLY != portico ]]; then run_suite nginx "$NGINX_PORT"; LABELS+=(nginx); fi
TOTAL_S=$((SECONDS - T0))

# --- report --------------------------------------------------------------------------------------------------------
NGINX_VERSION=$(nginx -v 2>&1 | sed 's|.*/||')
node - "$OUT" "$TOTAL_S" "$REPO_COMMIT" "$REPO_DIRTY" "$JAR_TIME" "$NGINX_VERSION" "${LABELS[@]}" <<'NODE'
const fs = require('fs')
const [out, totalS, commit, dirty, jarTime, nginxVersion, ...labels] = process.argv.slice(2)
const runs = Object.fromEntries(labels.map(l => [l, JSON.parse(fs.readFileSync(`${out}/${l}.json`, 'utf8'))]))
const first = runs[labels[0]]
console.log(`\nHTTP cache conformance, ${first.suite} (${first.total} tests run outside a browser: ` +
  Object.entries(first.by_kind).map(([k, n]) => `${n} ${k}`).join(', ') + `), ${new Date().toISOString()}`)
console.log('| cache | passed | failed (required) | optional-failed | checks yes / no | setup / dependency-failed | total | secs |')
console.log('|---|---|---|---|---|---|---|---|')
for (const l of labels) {
  const r = runs[l]; const c = r.counts
  const who = l === 'portico' ? `Portico edge (${commit}${dirty !== '0' ? ` + ${dirty} uncommitted files` : ''})` : `nginx ${nginxVersion} proxy_cache`
  console.log(`| ${who} | ${c.pass} | ${c.fail} | ${c.optional_fail} | ${c.check_yes} / ${c.check_no} | ` +
    `${c.setup_fail + c.retry} / ${c.dependency_fail} | ${r.total} | ${r.duration_s}${r.timed_out ? ' (timed out)' : ''} |`)
}
for (const l of labels) {
  const r = runs[l]
  console.log(`\n${l}: failed required tests (${r.failed_required_tests.length}):`)
  for (const t of r.failed_required_tests) console.log(`  ${t.id}: ${t.message}`)
  if (l !== 'portico') break
}
for (const l of labels) {
  const f = runs[l].foreign_answers
  if (!f.length) continue
  console.log(`\n${l}: ${f.length} answer(s) to a test URL that are not that URL's (another exchange's, or the proxy's own):`)
  for (const a of f) console.log(`  ${a.test} request ${a.req_num}: status ${a.status}, served ${a.served_url}, headers ${JSON.stringify(a.headers)}`)
}
const summary = { suite: first.suite, finished: new Date().toISOString(), suite_runs_s: Number(totalS),
  portico: { commit, uncommitted_edge_files: Number(dirty), jar_built: jarTime }, nginx_version: nginxVersion,
  results: Object.fromEntries(labels.map(l => { const r = runs[l]; return [l, { passed: r.counts.pass, failed_required: r.counts.fail,
    failed_optional: r.counts.optional_fail, total: r.total, counts: r.counts, duration_s: r.duration_s,
    failed_required_ids: r.failed_required_tests.map(t => t.id),
    foreign_answers: r.foreign_answers.map(a => `${a.test}#${a.req_num}:${a.status}`) }] })) }
fs.writeFileSync(`${out}/summary.json`, JSON.stringify(summary, null, 2) + '\n')
console.log(`\n(details: ${labels.map(l => `${out}/${l}.json`).join(', ')}, ${out}/summary.json; logs beside them)`)
NODE
log "both suite runs took $TOTAL_S s"
# CACHE_TESTS_GATE=1 (CI): fail unless Portico fails no required test, answers no request with another's answer,
# and passes more tests than nginx in this same run.
if [[ ${CACHE_TESTS_GATE:-0} == 1 && -z $ONLY && -z ${CACHE_TESTS_ID:-} ]]; then
  node -e '
    const s = require(process.argv[1]); const p = s.results.portico, n = s.results.nginx
    const problems = []
    if (p.failed_required !== 0) problems.push(`${p.failed_required} required test(s) failed: ${p.failed_required_ids.join(", ")}`)
    if (p.foreign_answers.length) problems.push(`answers that belong to another request: ${p.foreign_answers.join(", ")}`)
    if (!(p.passed > n.passed)) problems.push(`passed ${p.passed}, not more than nginx (${n.passed})`)
    if (problems.length) { console.error("[cache-tests] gate failed: " + problems.join("; ")); process.exit(1) }
    console.log(`[cache-tests] gate passed: Portico ${p.passed} passed, 0 required failed; nginx ${n.passed} passed, ${n.failed_required} required failed`)
  ' "$OUT/summary.json"
fi
if [[ ${CACHE_TESTS_HOLD:-0} -gt 0 ]]; then
  log "holding ${CACHE_TESTS_HOLD} s: origin http://127.0.0.1:$ORIGIN_PORT, portico https://$NAME:$HTTPS_PORT, nginx https://$NAME:$NGINX_PORT, redis $REDIS_PORT, CA $CA"
  sleep "$CACHE_TESTS_HOLD"
fi
