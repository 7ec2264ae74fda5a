# Shared helpers for local/services and the per-service libraries beside this file.
# Every service runs on loopback, keeps its pid, log and generated files under $RUN_DIR/<service>/,
# and writes the variables clients need to $RUN_DIR/<service>.env.

REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
RUN_DIR=${PORTICO_RUN_DIR:-$REPO_DIR/local/.run}

log() { printf '[services] %s\n' "$*" >&2; }
die() { printf '[services] error: %s\n' "$*" >&2; exit 1; }

# require_cmd CMD PACKAGE: fail with the install line a person needs.
require_cmd() {
  command -v "$1" >/dev/null 2>&1 || die "'$1' not found: install it with 'apt-get install -y $2' (or run local/dev setup)"
}

# port_open PORT: true when something accepts TCP connections on 127.0.0.1:PORT.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# pid_alive NAME: true when $RUN_DIR/NAME/pid names a live process.
pid_alive() {
  local f="$RUN_DIR/$1/pid"
  [[ -f $f ]] && kill -0 "$(cat "$f")" 2>/dev/null
}

# ensure_port_free NAME PORT: a port held by something that is not ours is a readable error, not a hang.
ensure_port_free() {
  if port_open "$2"; then
    die "$1: port $2 on 127.0.0.1 is taken by another process ($(ss -ltnp "sport = :$2" 2>/dev/null | awk 'NR==2{print $NF}')); stop it or set the port variable"
  fi
}

# wait_for NAME SECONDS CHECK...: polls CHECK every 0.2 s; on timeout shows the service log tail.
wait_for() {
  local name=$1 secs=$2; shift 2
  local deadline=$((SECONDS + secs))
  until "$@"; do
    if ((SECONDS >= deadline)); then
      log "$name did not become ready within ${secs}s; last lines of $RUN_DIR/$name/log:"
      tail -n 20 "$RUN_DIR/$name/log" >&2 2>/dev/null || true
      die "$name failed to start"
    fi
    sleep 0.2
  done
}

# start_daemon NAME CMD...: runs CMD in the background with its output in the service log.
start_daemon() {
  local name=$1; shift
  mkdir -p "$RUN_DIR/$name"
  nohup "$@" >>"$RUN_DIR/$name/log" 2>&1 &
  echo $! >"$RUN_DIR/$name/pid"
}

# stop_daemon NAME: TERM, then KILL after 5 s; idempotent.
stop_daemon() {
  local name=$1 f="$RUN_DIR/$1/pid"
  [[ -f $f ]] || return 0
  local pid; pid=$(cat "$f")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$f"
}
