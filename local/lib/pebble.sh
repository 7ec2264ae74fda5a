# Pebble 2.4.0 (Debian's /usr/bin/pebble) as a local ACME test CA, with pebble-challtestsrv as its DNS.
# Sourced after common.sh; defines pebble_start, pebble_stop, pebble_status.
#
# Pebble's validation authority connects to <name>:PORTICO_HTTP01_PORT for HTTP-01, and that port
# belongs to Portico's own challenge server: challtestsrv only answers DNS (every name -> 127.0.0.1).

_pebble_defaults() {
  : "${PEBBLE_PORT:=14000}" "${PEBBLE_MGMT_PORT:=15000}" "${PEBBLE_TLS_PORT:=5001}"
  : "${PORTICO_HTTP01_PORT:=5002}" "${CHALLTESTSRV_DNS_PORT:=8053}" "${CHALLTESTSRV_MGMT_PORT:=8055}"
  PEBBLE_DIR=$RUN_DIR/pebble
  PEBBLE_CA=$PEBBLE_DIR/pebble.minica.pem
}

# _pebble_curl URL [curl args]: Pebble's listeners only present our own CA's certificate.
_pebble_curl() { local url=$1; shift; curl -fsS --max-time 5 --cacert "$PEBBLE_CA" "$@" "$url"; }

_pebble_dir_ok() { _pebble_curl "https://localhost:$PEBBLE_PORT/dir" 2>/dev/null | grep -q '"newNonce"'; }

_pebble_healthy() {
  pid_alive pebble && pid_alive challtestsrv && port_open "$CHALLTESTSRV_MGMT_PORT" && _pebble_dir_ok
}

# The CA and listener certificate are kept across restarts so the trust file clients load stays valid.
_pebble_make_certs() {
  local key=$PEBBLE_DIR/pebble.minica.key.pem srv_key=$PEBBLE_DIR/localhost.key.pem srv=$PEBBLE_DIR/localhost.pem
  [[ -s $PEBBLE_CA && -s $key && -s $srv && -s $srv_key ]] && return 0
  log "pebble: generating a local CA and a listener certificate in $PEBBLE_DIR"
  mkdir -p "$PEBBLE_DIR"
  (
    set -e
    umask 077
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 \
      -subj "/CN=Portico local Pebble listener CA" -keyout "$key" -out "$PEBBLE_CA" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=localhost" \
      -keyout "$srv_key" -out "$PEBBLE_DIR/localhost.csr"
    openssl x509 -req -in "$PEBBLE_DIR/localhost.csr" -CA "$PEBBLE_CA" -CAkey "$key" -CAcreateserial \
      -days 3650 -sha256 -out "$srv" -extfile <(printf '%s\n' \
        "subjectAltName=DNS:localhost,IP:127.0.0.1" "basicConstraints=critical,CA:FALSE" \
        "keyUsage=critical,digitalSignature" "extendedKeyUsage=serverAuth" \
        "subjectKeyIdentifier=hash" "authorityKeyIdentifier=keyid")
    rm -f "$PEBBLE_DIR/localhost.csr"
    chmod 644 "$PEBBLE_CA" "$srv"
  ) >>"$PEBBLE_DIR/openssl.log" 2>&1 || die "pebble: certificate generation failed, see $PEBBLE_DIR/openssl.log"
}

_pebble_config() {
  local validity=""
  [[ -n ${PEBBLE_CERT_VALIDITY_SECONDS:-} ]] && validity=",
    \"certificateValidityPeriod\": $PEBBLE_CERT_VALIDITY_SECONDS"
  cat <<EOF
{
  "pebble": {
    "listenAddress": "127.0.0.1:$PEBBLE_PORT",
    "managementListenAddress": "127.0.0.1:$PEBBLE_MGMT_PORT",
    "certificate": "$PEBBLE_DIR/localhost.pem",
    "privateKey": "$PEBBLE_DIR/localhost.key.pem",
    "httpPort": $PORTICO_HTTP01_PORT,
    "tlsPort": $PEBBLE_TLS_PORT,
    "ocspResponderURL": "",
    "externalAccountBindingRequired": false$validity
  }
}
EOF
}

# Pebble makes a new issuing root at each start, so this is fetched again after every (re)start.
_pebble_fetch_root() {
  _pebble_curl "https://localhost:$PEBBLE_MGMT_PORT/roots/0" -o "$PEBBLE_DIR/issuer-root.pem.tmp" \
    && mv "$PEBBLE_DIR/issuer-root.pem.tmp" "$PEBBLE_DIR/issuer-root.pem" \
    || die "pebble: could not fetch its issuing root from https://localhost:$PEBBLE_MGMT_PORT/roots/0"
}

_pebble_write_env() {
  cat >"$RUN_DIR/pebble.env.tmp" <<EOF
PORTICO_ACME_DIRECTORY=https://localhost:$PEBBLE_PORT/dir
PORTICO_ACME_SERVER_CA=$PEBBLE_CA
PORTICO_ACME_ISSUER_ROOT=$PEBBLE_DIR/issuer-root.pem
PORTICO_HTTP01_PORT=$PORTICO_HTTP01_PORT
PEBBLE_MGMT_URL=https://localhost:$PEBBLE_MGMT_PORT
CHALLTESTSRV_URL=http://127.0.0.1:$CHALLTESTSRV_MGMT_PORT
PORTICO_ACME_DNS=127.0.0.1:$CHALLTESTSRV_DNS_PORT
EOF
  mv "$RUN_DIR/pebble.env.tmp" "$RUN_DIR/pebble.env"
}

# A daemon that exits at once (bad config, port race) should fail now, not after the full timeout.
_pebble_up() {
  local name=$1; shift
  if ! pid_alive "$name"; then
    tail -n 20 "$RUN_DIR/$name/log" >&2 2>/dev/null
    stop_daemon pebble; stop_daemon challtestsrv
    die "$name exited during start"
  fi
  "$@"
}

pebble_start() {
  _pebble_defaults
  require_cmd pebble pebble; require_cmd pebble-challtestsrv pebble
  require_cmd openssl openssl; require_cmd curl curl
  [[ ${PEBBLE_CERT_VALIDITY_SECONDS:-0} =~ ^[0-9]+$ ]] || die "PEBBLE_CERT_VALIDITY_SECONDS must be a number of seconds"
  mkdir -p "$PEBBLE_DIR"

  # NOSLEEP: the default random validation delay makes every test seconds slower.
  # NONCEREJECT: the default rejects 5% of good nonces; tests opt in to rejection explicitly.
  local envs=(PEBBLE_VA_NOSLEEP="${PEBBLE_VA_NOSLEEP:-1}" PEBBLE_WFE_NONCEREJECT="${PEBBLE_WFE_NONCEREJECT:-0}")
  [[ -n ${PEBBLE_AUTHZREUSE:-} ]] && envs+=(PEBBLE_AUTHZREUSE="$PEBBLE_AUTHZREUSE")
  local config settings
  config=$(_pebble_config)
  # Knobs only apply at process start: a test asking for NONCEREJECT=90 must not get the running 0%.
  settings="$config ${envs[*]} dns=$CHALLTESTSRV_DNS_PORT mgmt=$CHALLTESTSRV_MGMT_PORT"

  if [[ -s $PEBBLE_CA ]] && _pebble_healthy; then
    if [[ $(cat "$PEBBLE_DIR/settings" 2>/dev/null) == "$settings" ]]; then
      [[ -s $PEBBLE_DIR/issuer-root.pem ]] || _pebble_fetch_root
      _pebble_write_env
      log "pebble: already running at https://localhost:$PEBBLE_PORT/dir"
      return 0
    fi
    log "pebble: settings changed, restarting"
  fi
  # Half-started or stale leftovers of ours would otherwise look like foreign port holders.
  stop_daemon pebble; stop_daemon challtestsrv
  ensure_port_free pebble "$PEBBLE_PORT"; ensure_port_free pebble "$PEBBLE_MGMT_PORT"
  ensure_port_free challtestsrv "$CHALLTESTSRV_DNS_PORT"; ensure_port_free challtestsrv "$CHALLTESTSRV_MGMT_PORT"
  _pebble_make_certs
  printf '%s\n' "$config" >"$PEBBLE_DIR/pebble-config.json"

  # Empty -defaultIPv6 makes AAAA queries answer with no records, so Pebble (which asks AAAA first)
  # dials 127.0.0.1; the empty challenge-server flags keep challtestsrv off 5001-5003.
  start_daemon challtestsrv pebble-challtestsrv -defaultIPv4 127.0.0.1 -defaultIPv6 "" \
    -dns01 "127.0.0.1:$CHALLTESTSRV_DNS_PORT" -management "127.0.0.1:$CHALLTESTSRV_MGMT_PORT" \
    -http01 "" -https01 "" -tlsalpn01 ""
  wait_for challtestsrv 10 _pebble_up challtestsrv port_open "$CHALLTESTSRV_MGMT_PORT"

  start_daemon pebble env "${envs[@]}" pebble -config "$PEBBLE_DIR/pebble-config.json" \
    -dnsserver "127.0.0.1:$CHALLTESTSRV_DNS_PORT"
  wait_for pebble 20 _pebble_up pebble _pebble_dir_ok

  _pebble_fetch_root
  printf '%s' "$settings" >"$PEBBLE_DIR/settings"
  _pebble_write_env
  log "pebble: ready at https://localhost:$PEBBLE_PORT/dir (HTTP-01 validations go to port $PORTICO_HTTP01_PORT)"
}

pebble_stop() {
  _pebble_defaults
  stop_daemon pebble
  stop_daemon challtestsrv
}

pebble_status() {
  _pebble_defaults
  if [[ -s $PEBBLE_CA ]] && _pebble_healthy; then
    echo "pebble: ready at https://localhost:$PEBBLE_PORT/dir (pid $(cat "$RUN_DIR/pebble/pid"), challtestsrv pid $(cat "$RUN_DIR/challtestsrv/pid"))"
    return 0
  fi
  local why="not running"
  if pid_alive pebble || pid_alive challtestsrv; then why="running but not answering"; fi
  echo "pebble: $why (https://localhost:$PEBBLE_PORT/dir)"
  return 1
}
