// Preloaded (node -r) into the suite's processes by bench/cache-conformance.sh; changes nothing on the machine.
//  CACHE_TESTS_RESOLVE="name[,name...]": these names resolve to 127.0.0.1 for this process only (dns.lookup, which
//    node's http/https/net use at connect time), so the client can reach https://<name>:<port> with SNI and Host =
//    <name> without /etc/hosts. Every other name resolves as usual.
//  CACHE_TESTS_LISTEN_HOST=127.0.0.1: a server that listens on a port alone (the suite's origin calls
//    server.listen(port), i.e. every interface) binds to this address instead: loopback only.
'use strict'
const dns = require('dns')
const net = require('net')

const names = new Set((process.env.CACHE_TESTS_RESOLVE || '').split(',').map(s => s.trim().toLowerCase()).filter(Boolean))
if (names.size) {
  const original = dns.lookup
  dns.lookup = function lookup (hostname, options, callback) {
    if (typeof options === 'function') { callback = options; options = {} }
    if (typeof options === 'number') options = { family: options }
    options = options || {}
    if (typeof hostname === 'string' && names.has(hostname.toLowerCase().replace(/\.$/, ''))) {
      if (options.family === 6) {
        process.nextTick(callback, Object.assign(new Error(`no IPv6 address for ${hostname}`), { code: 'ENOTFOUND' }))
      } else if (options.all) {
        process.nextTick(callback, null, [{ address: '127.0.0.1', family: 4 }])
      } else {
        process.nextTick(callback, null, '127.0.0.1', 4)
      }
      return {}
    }
    return original.call(this, hostname, options, callback)
  }
}

const listenHost = process.env.CACHE_TESTS_LISTEN_HOST
if (listenHost) {
  const listen = net.Server.prototype.listen
  net.Server.prototype.listen = function (...args) {
    // listen(port[, backlog][, callback]) and listen({port}) without a host: pin the host.
    if ((typeof args[0] === 'number' || (typeof args[0] === 'string' && /^\d+$/.test(args[0]))) &&
        typeof args[1] !== 'string') {
      return listen.call(this, { port: Number(args[0]), host: listenHost }, ...args.slice(1).filter(a => typeof a === 'function'))
    }
    if (args[0] && typeof args[0] === 'object' && args[0].port !== undefined && !args[0].host && !args[0].path) {
      return listen.call(this, Object.assign({}, args[0], { host: listenHost }), ...args.slice(1))
    }
    return listen.apply(this, args)
  }
}

//  CACHE_TESTS_ORIGIN_LOG=<file>: every request the suite's origin answers is appended to it as one JSON line (time,
//    method, URL, Req-Num, the conditional headers, the status sent, the connection's remote port): what the origin
//    really sent, to hold against what a proxy answered.
const originLog = process.env.CACHE_TESTS_ORIGIN_LOG
if (originLog) {
  const fs = require('fs')
  const http = require('http')
  const emit = http.Server.prototype.emit
  http.Server.prototype.emit = function (event, req, res) {
    if (event === 'request') {
      const t0 = Date.now()
      res.on('finish', () => {
        fs.appendFileSync(originLog, JSON.stringify({
          t: new Date(t0).toISOString(), ms: Date.now() - t0, method: req.method, url: req.url, req_num: req.headers['req-num'],
          inm: req.headers['if-none-match'], ims: req.headers['if-modified-since'], status: res.statusCode, port: req.socket && req.socket.remotePort
        }) + '\n')
      })
    }
    return emit.apply(this, arguments)
  }
}
