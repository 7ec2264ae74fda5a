# AWS emulator (SNS, SQS, S3, KMS) on 127.0.0.1 for local runs and tests.
# LocalStack community (localstack-core 4.14.0, Apache-2.0) runs in host mode: a plain Python process,
# no Docker and no account or auth token. Its virtualenv lives in a cache dir outside the repo so a
# fresh clone or `git clean` does not cost another install.
# Source after common.sh; defines emulator_install, emulator_start, emulator_stop, emulator_status.

[[ $(type -t start_daemon) == function ]] || source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

EMULATOR_PORT=${EMULATOR_PORT:-4566}
EMULATOR_REQUIREMENTS=$REPO_DIR/local/emulator-requirements.txt
EMULATOR_VENV=${PORTICO_CACHE_DIR:-$HOME/.cache/portico}/emulator-venv
EMULATOR_SERVICES=(sns sqs s3 kms)

# LocalStack 4.x uses Python 3.12+ syntax and APIs, while the machine's default python3 may be 3.11:
# take EMULATOR_PYTHON, else the first 3.12+ interpreter on PATH or among pyenv's versions.
_emulator_python() {
  local c
  for c in "${EMULATOR_PYTHON:-}" python3.13 python3.12 python3 \
    $(ls -d "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV); do
    [[ -n $c ]] || continue
    if "$c" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then
      command -v "$c"; return 0
    fi
  done
  die "emulator: LocalStack needs Python >= 3.12 and none was found (python3 is $(python3 --version 2>&1 || echo missing)); install one (e.g. 'pyenv install 3.13') or set EMULATOR_PYTHON=/path/to/python3.12+"
}

# The stamp records the requirements hash and interpreter, so a second call is a no-op and a change of
# either rebuilds the venv instead of layering packages over a stale one.
emulator_install() {
  local py stamp want
  py=$(_emulator_python) || exit 1
  want="$(sha256sum "$EMULATOR_REQUIREMENTS" | cut -d' ' -f1) $("$py" -c 'import sys; print(sys.version)' | head -n1)"
  stamp=$EMULATOR_VENV/.portico-stamp
  if [[ -x $EMULATOR_VENV/bin/python && -f $stamp && $(cat "$stamp") == "$want" ]]; then
    return 0
  fi
  log "emulator: installing LocalStack into $EMULATOR_VENV with $py (about a minute, once)"
  rm -rf "$EMULATOR_VENV"
  mkdir -p "$(dirname "$EMULATOR_VENV")"
  "$py" -m venv "$EMULATOR_VENV" || die "emulator: '$py -m venv' failed (on Debian: apt-get install -y python3-venv)"
  "$EMULATOR_VENV/bin/pip" install --disable-pip-version-check -q -r "$EMULATOR_REQUIREMENTS" \
    || die "emulator: pip install -r $EMULATOR_REQUIREMENTS failed (see the pip output above)"
  echo "$want" >"$stamp"
}

# Ready means every service we use is loaded, not just that the port accepts connections.
_emulator_ready() {
  local health n
  health=$(curl -sf -m 2 "http://127.0.0.1:$EMULATOR_PORT/_localstack/health") || return 1
  n=$(grep -Eo "\"($(IFS='|'; echo "${EMULATOR_SERVICES[*]}"))\": *\"running\"" <<<"$health" | wc -l)
  ((n == ${#EMULATOR_SERVICES[@]}))
}

# AWS_DEFAULT_REGION too: the aws CLI v1 and boto3 in the venv ignore AWS_REGION (the Java SDK v2 reads it).
_emulator_write_env() {
  cat >"$RUN_DIR/emulator.env" <<EOF
AWS_ENDPOINT_URL=http://127.0.0.1:$EMULATOR_PORT
AWS_REGION=us-east-1
AWS_DEFAULT_REGION=us-east-1
AWS_ACCESS_KEY_ID=test
AWS_SECRET_ACCESS_KEY=test
PORTICO_EMULATOR=localstack
EOF
}

emulator_start() {
  require_cmd curl curl
  if pid_alive emulator; then
    wait_for emulator 60 _emulator_ready
    _emulator_write_env
    log "emulator: already running on 127.0.0.1:$EMULATOR_PORT"
    return 0
  fi
  ensure_port_free emulator "$EMULATOR_PORT"
  emulator_install
  # Fresh state each start; FILESYSTEM_ROOT keeps LocalStack's scratch files out of site-packages.
  rm -rf "$RUN_DIR/emulator/fs"; mkdir -p "$RUN_DIR/emulator"; : >"$RUN_DIR/emulator/log"
  local started=$SECONDS
  # DNS_ADDRESS=0 and DISABLE_EVENTS=1: no DNS server, no analytics; nothing may leave the machine.
  # SQS_ENDPOINT_STRATEGY=path + LOCALSTACK_HOST: queue URLs are http://127.0.0.1:PORT/queue/..., which
  # resolve offline (the default *.localhost.localstack.cloud host needs public DNS).
  start_daemon emulator env \
    SERVICES="$(IFS=,; echo "${EMULATOR_SERVICES[*]}")" EAGER_SERVICE_LOADING=1 \
    GATEWAY_LISTEN="127.0.0.1:$EMULATOR_PORT" LOCALSTACK_HOST="127.0.0.1:$EMULATOR_PORT" \
    SQS_ENDPOINT_STRATEGY=path DNS_ADDRESS=0 DISABLE_EVENTS=1 SKIP_SSL_CERT_DOWNLOAD=1 \
    FILESYSTEM_ROOT="$RUN_DIR/emulator/fs" \
    "$EMULATOR_VENV/bin/python" -m localstack.runtime.main
  wait_for emulator 60 _emulator_alive_and_ready
  _emulator_write_env
  log "emulator: LocalStack ready on http://127.0.0.1:$EMULATOR_PORT in $((SECONDS - started))s (env: $RUN_DIR/emulator.env)"
}

# A crashed start should fail at once with the log tail, not after the whole timeout.
_emulator_alive_and_ready() {
  if ! pid_alive emulator; then
    tail -n 20 "$RUN_DIR/emulator/log" >&2; rm -f "$RUN_DIR/emulator/pid"
    die "emulator: LocalStack exited during start-up (log: $RUN_DIR/emulator/log)"
  fi
  _emulator_ready
}

emulator_stop() {
  stop_daemon emulator
  rm -f "$RUN_DIR/emulator.env"
}

emulator_status() {
  if pid_alive emulator && _emulator_ready; then
    echo "emulator: localstack ready on http://127.0.0.1:$EMULATOR_PORT (pid $(cat "$RUN_DIR/emulator/pid"))"
  elif pid_alive emulator; then
    echo "emulator: localstack running (pid $(cat "$RUN_DIR/emulator/pid")) but not ready"; return 1
  elif port_open "$EMULATOR_PORT"; then
    echo "emulator: stopped; port $EMULATOR_PORT is held by another process"; return 1
  else
    echo "emulator: stopped"; return 1
  fi
}
