// @crux/core on a page whose Content-Security-Policy forbids eval: the module is linked without
// Emscripten's dynamic execution (CMakeLists.txt), so it starts and runs a flow through a
// suspend and a schema-checked signal with only 'wasm-unsafe-eval' allowed.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildPage } from './vite-build.mjs'
import { serveDirectory } from './static-server.mjs'
import { launchChromium } from './chromium.mjs'
import { corePageRoot, openCorePage } from './core-page-driver.mjs'
import { poll } from './poll.mjs'

const policy = "default-src 'self'; img-src data:; script-src 'self' 'wasm-unsafe-eval'"  // img-src: the page's empty data: icon
let outDir, server, browser

before(async () => {
  outDir = await buildPage(corePageRoot)
  // A script of the page's own origin, to show the policy refuses eval to the page's scripts
  // (page.evaluate runs from DevTools, which the policy does not cover).
  writeFileSync(join(outDir, 'eval-probe.js'),
    "window.evalProbe = (() => { try { return eval('\"ran\"') } catch (error) { return error.name } })()\n")
  server = await serveDirectory(outDir, { headers: { 'Content-Security-Policy': policy } })
  browser = await launchChromium()
})
after(async () => {
  await browser?.close()
  await server?.close()
  if (outDir) rmSync(outDir, { recursive: true, force: true })
})

test('the engine runs under a Content-Security-Policy without unsafe-eval', { timeout: 60_000 }, async () => {
  const page = await browser.newPage()
  const violations = []
  await page.exposeFunction('reportViolation', (directive) => violations.push(directive))
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => window.reportViolation(event.violatedDirective))
  })
  await openCorePage(page, server.url)

  const flowId = await page.evaluate(() => window.crux.start('strict'))
  await poll('the run to suspend', () => page.evaluate((id) => window.crux.status(id), flowId), (s) => s.status === 'suspended')
  const refused = await page.evaluate((id) => window.crux.signal(id, { approved: 'yes' }).then(
    () => 'accepted', (error) => error.code), flowId)
  assert.equal(refused, 'SIGNAL_INVALID')
  await page.evaluate((id) => window.crux.signal(id, { approved: true }), flowId)
  const result = await page.evaluate((id) => window.crux.result(id), flowId)
  assert.equal(result.done, 'executed draft for strict')
  assert.deepEqual(violations, [])

  // The policy was in force all along: the page's own scripts may not eval.
  await page.addScriptTag({ url: '/eval-probe.js' })
  assert.equal(await page.evaluate(() => window.evalProbe), 'EvalError')
  assert.deepEqual(violations, ['script-src'])
  await page.close()
})
