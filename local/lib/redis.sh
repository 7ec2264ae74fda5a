# redis-server on loopback for tests and the local system. Persistence is off: tests own their keys and the
# local system rebuilds from its sources, so a restart starting empty is what we want.

REDIS_PORT=${REDIS_PORT:-6390}

redis_start() {
  require_cmd redis-server redis-server
  if pid_alive redis && redis_ping; then
    log "redis already running on 127.0.0.1:$REDIS_PORT"
  else
    stop_daemon redis
    ensure_port_free redis "$REDIS_PORT"
    start_daemon redis redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no \
      --daemonize no --enable-debug-command local --dir "$RUN_DIR/redis"
    wait_for redis 10 redis_ping
    log "redis ready on 127.0.0.1:$REDIS_PORT"
  fi
  echo "PORTICO_REDIS_URL=redis://127.0.0.1:$REDIS_PORT" >"$RUN_DIR/redis.env"
}

redis_ping() { [[ $(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null) == PONG ]]; }

redis_status() {
  if pid_alive redis && redis_ping; then echo "redis      ready   redis://127.0.0.1:$REDIS_PORT"; return 0; fi
  echo "redis      down"; return 1
}

redis_stop() { stop_daemon redis; }
