// @crux/core in real Chromium with real IndexedDB: a page bundled by Vite from the workspace
// packages starts a flow that suspends; after a reload the plan and the suspended run are
// still there, a signal completes the run, and the step before the suspend never ran twice.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { useServedApp } from './served-app.mjs'
import { corePageRoot, openCorePage } from './core-page-driver.mjs'
import { poll } from './poll.mjs'

const app = useServedApp(corePageRoot)

const openPage = (page) => openCorePage(page, app.server.url)

test('a suspended run and its plan survive a reload in IndexedDB, and resume without re-running earlier steps', { timeout: 60_000 }, async () => {
  const page = await app.browser.newPage()
  await openPage(page)

  // The resource entry appears once the .wasm response has been read to its end.
  const wasmUrl = await poll('the .wasm in the resource timing entries', () => page.evaluate(() =>
    performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'))?.name), Boolean)
  const wasm = await page.evaluate(async (url) => {
    const response = await fetch(url)
    return { name: url, type: response.headers.get('content-type') }
  }, wasmUrl)
  assert.match(wasm.name, /\/assets\/crux-[\w-]+\.wasm$/)
  assert.equal(wasm.type, 'application/wasm')

  const flowId = await page.evaluate(() => window.crux.start('launch'))
  const suspended = await poll('the run to suspend', () => page.evaluate((id) => window.crux.status(id), flowId),
    (s) => s.status === 'suspended')
  assert.equal(suspended.waitingFor, 'approve')

  await page.reload()
  await openPage(page)

  const status = await page.evaluate((id) => window.crux.status(id), flowId)
  assert.equal(status.status, 'suspended')
  assert.equal(status.waitingFor, 'approve')
  const plans = await page.evaluate(() => window.crux.listPlans())
  assert.equal(plans.length, 1)
  assert.equal(plans[0].title, 'launch')
  assert.equal(plans[0].content, 'draft for launch')
  assert.deepEqual(plans[0].metadata, { status: 'draft', flowId })
  const flows = await page.evaluate(() => window.crux.listFlows())
  assert.deepEqual(flows.map((f) => [f.flowId, f.status]), [[flowId, 'suspended']])

  // A payload the stored schema refuses is refused in the browser too, and records nothing.
  const refused = await page.evaluate((id) => window.crux.signal(id, { approved: 'yes' }).then(
    () => 'accepted', (error) => `${error.code}: ${error.message}`), flowId)
  assert.match(refused, /^SIGNAL_INVALID: .*approved/)

  await page.evaluate((id) => window.crux.signal(id, { approved: true }), flowId)
  const result = await page.evaluate((id) => window.crux.result(id), flowId)
  assert.deepEqual(result, { approved: true, planId: plans[0].id, done: 'executed draft for launch' })

  const ran = await page.evaluate(() => ({ draft: window.crux.ran('draft'), persist: window.crux.ran('persist'), execute: window.crux.ran('execute') }))
  assert.deepEqual(ran, { draft: 1, persist: 1, execute: 1 })
  const history = await page.evaluate((id) => window.crux.history(id), flowId)
  assert.deepEqual(history.map((e) => e.type),
    ['started', 'step-completed', 'step-completed', 'suspended', 'signaled', 'resumed', 'step-completed', 'completed'])

  const databases = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))
  assert.ok(databases.includes('/crux/default'), `IndexedDB databases: ${JSON.stringify(databases)}`)
  await page.close()

  // A new page on the same profile sees the completed run.
  const second = await app.browser.newPage()
  await openPage(second)
  assert.equal((await second.evaluate((id) => window.crux.status(id), flowId)).status, 'completed')
  await second.close()
  assert.deepEqual(app.browser.errors, [])
})
