// Runs the http-cache-tests suite (installed in SUITE_DIR/node_modules) against one cache and writes a summary.
// It does what the package's cli.mjs does (every test of tests/index.mjs plus surrogate-control, the same runner and
// fetch: node-fetch 2, no browser cache), adding only bounds: each request times out after REQUEST_TIMEOUT_MS (such a
// test fails with a FetchError) and the whole run after DEADLINE_MS (tests not finished then are "untested").
// Results are classified as the suite's own report (lib/display.mjs determineTestResult, dependencies honoured):
// pass / fail (required) / optional_fail (kind "optimal") / check_yes, check_no (kind "check") / setup_fail / retry /
// dependency_fail (a test it depends on did not pass) / untested.
//
//   [TEST_ID=id] node -r preload.cjs run-suite.mjs SUITE_DIR BASE_URL LABEL OUT_JSON
import fs from 'fs'
import path from 'path'
import { createRequire } from 'module'
import { pathToFileURL } from 'url'

const [suiteDir, base, label, outFile] = process.argv.slice(2)
if (!outFile) {
  console.error('usage: run-suite.mjs SUITE_DIR BASE_URL LABEL OUT_JSON')
  process.exit(2)
}
const requestTimeoutMs = Number(process.env.REQUEST_TIMEOUT_MS || 60000)
const deadlineMs = Number(process.env.DEADLINE_MS || 600000)
const pkgDir = path.resolve(suiteDir, 'node_modules/http-cache-tests')
const load = rel => import(pathToFileURL(path.join(pkgDir, rel)).href)
const version = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version
const fetch = createRequire(path.join(pkgDir, 'package.json'))('node-fetch')

const { runTests, getResults } = await load('client/runner.mjs')
const { testUUIDs } = await load('client/test.mjs')
const tests = (await load('tests/index.mjs')).default
tests.push((await load('tests/surrogate-control.mjs')).default) // as cli.mjs does

// TEST_ID=<id>: that test alone, with its requests and responses printed (the CLI's --id).
const only = process.env.TEST_ID || ''
let toRun = tests
if (only) {
  toRun = []
  for (const suite of tests) for (const t of suite.tests) if (t.id === only) { t.dump = true; toRun.push({ ...suite, tests: [t] }) }
  if (!toRun.length) { console.error(`no test ${only}`); process.exit(2) }
}
const byId = new Map()
for (const suite of tests) for (const t of suite.tests) byId.set(t.id, { ...t, suite: suite.id })
const runnable = [...byId.values()].filter(t => t.browser_only !== true && (!only || t.id === only))

function classify (results) {
  const memo = new Map()
  const kindOf = t => t.kind || 'required'
  function result (id) {
    if (memo.has(id)) return memo.get(id)
    const t = byId.get(id)
    const r = results[id]
    let c
    if (r === undefined) c = 'untested'
    else if (!only && t.depends_on && t.depends_on.some(d => !['pass', 'check_yes'].includes(result(d)))) c = 'dependency_fail'
    else if (r[0] === 'Setup') c = r[1] === 'retry' ? 'retry' : 'setup_fail'
    else if (kindOf(t) === 'required') c = r === true ? 'pass' : 'fail'
    else if (kindOf(t) === 'optimal') c = r === true ? 'pass' : 'optional_fail'
    else if (kindOf(t) === 'check') c = r === true ? 'check_yes' : 'check_no'
    else throw new Error(`unknown test kind ${t.kind} (${id})`)
    memo.set(id, c)
    return c
  }
  const counts = { pass: 0, fail: 0, optional_fail: 0, check_yes: 0, check_no: 0, setup_fail: 0, retry: 0, dependency_fail: 0, untested: 0 }
  const rows = runnable.map(t => {
    const c = result(t.id)
    counts[c]++
    const r = results[t.id]
    return { id: t.id, suite: t.suite, kind: kindOf(t), result: c, name: t.name, message: r === true || r === undefined ? null : r[1], depends_on: t.depends_on || [] }
  })
  return { counts, rows }
}

const started = new Date()
let finished = false
function finish (timedOut) {
  if (finished) return
  finished = true
  const results = getResults()
  const { counts, rows } = classify(results)
  const pick = c => rows.filter(r => r.result === c).map(({ id, name, message, depends_on: dependsOn }) =>
    ({ id, name, message, ...(c === 'dependency_fail' ? { depends_on: dependsOn } : {}) }))
  const summary = {
    label,
    base,
    suite: `http-cache-tests@${version}`,
    started: started.toISOString(),
    duration_s: Math.round((Date.now() - started) / 100) / 10,
    timed_out: timedOut,
    request_timeout_ms: requestTimeoutMs,
    total: rows.length,
    by_kind: rows.reduce((a, r) => { a[r.kind] = (a[r.kind] || 0) + 1; return a }, {}),
    passed: counts.pass,
    failed_required: counts.fail,
    failed_optional: counts.optional_fail,
    counts,
    failed_required_tests: pick('fail'),
    failed_optional_tests: pick('optional_fail'),
    check_no_tests: pick('check_no'),
    setup_fail_tests: pick('setup_fail').concat(pick('retry')),
    dependency_fail_tests: rows.filter(r => r.result === 'dependency_fail')
      .map(({ id, kind, name, message, depends_on: dependsOn }) => ({ id, kind, name, message, depends_on: dependsOn })),
    untested: pick('untested').map(r => r.id),
    foreign_answers: foreign,
    results,
    uuids: testUUIDs
  }
  fs.writeFileSync(outFile, JSON.stringify(summary, null, 2) + '\n')
  console.log(`${label}: ${summary.suite} passed=${counts.pass} failed=${counts.fail} optional_failed=${counts.optional_fail}` +
    ` check_yes=${counts.check_yes} check_no=${counts.check_no} setup=${counts.setup_fail + counts.retry}` +
    ` dependency_failed=${counts.dependency_fail} untested=${counts.untested} total=${rows.length}` +
    ` foreign_answers=${foreign.length} secs=${summary.duration_s}${timedOut ? ' TIMED_OUT' : ''}`)
  process.exit(timedOut ? 3 : 0)
}

const deadline = setTimeout(() => finish(true), deadlineMs)
// CLIENT_LOG=<file>: every exchange as one JSON line (what was asked, what came back, and which origin request the
// answer says it is: Server-Base-Url, Server-Request-Count), to hold against the origin's log.
// The origin puts the request's path and query in Server-Base-Url on every test answer (a cache keeps it). An answer
// to a test URL carrying another URL's, or none while being neither a 304 nor a 5xx the proxy made itself, is not
// that request's answer: listed as foreign_answers, whatever the test's result (it shows a mix-up in the proxy).
const clientLog = process.env.CLIENT_LOG
const foreign = []
const timedFetch = (url, init = {}) => {
  const t0 = new Date()
  return fetch(url, Object.assign({}, init, { timeout: requestTimeoutMs })).then(res => {
    const path = url.replace(base, '')
    const served = res.headers.get('server-base-url')
    if (path.startsWith('/test/') && (served ? served !== path : !(res.status === 304 || (res.status >= 500 && res.status < 600)))) {
      const h = Object.fromEntries((init.headers || []).map(([k, v]) => [k.toLowerCase(), v]))
      foreign.push({ test: h['test-id'], req_num: h['req-num'], status: res.status, served_url: res.headers.get('server-base-url'), headers: res.headers.raw() })
    }
    if (clientLog) {
      const h = Object.fromEntries((init.headers || []).map(([k, v]) => [k.toLowerCase(), v]))
      fs.appendFileSync(clientLog, JSON.stringify({
        t: t0.toISOString(), ms: Date.now() - t0, method: init.method || 'GET', url: url.replace(base, ''), test: h['test-id'],
        req_num: h['req-num'], status: res.status, served_url: res.headers.get('server-base-url'),
        server_count: res.headers.get('server-request-count'), x_cache: res.headers.get('x-cache'), age: res.headers.get('age'),
        ...(served === path ? {} : { headers: res.headers.raw() })
      }) + '\n')
    }
    return res
  })
}
runTests(toRun, timedFetch, false, base)
  .then(() => { clearTimeout(deadline); finish(false) })
  .catch(err => { console.error(err); clearTimeout(deadline); finish(true) })
