// Storage in real Chromium: the `persist` option and its answer, and a commit IndexedDB refuses.
// (`createCrux({ persist: true })` asks navigator.storage.persist(); persisted() reports the answer.)
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { fileURLToPath } from 'node:url'
import { useServedApp } from './served-app.mjs'
import { openCorePage } from './core-page-driver.mjs'

const app = useServedApp(fileURLToPath(new URL('./tabs-page/', import.meta.url)))

test('persist: true asks the browser to keep the store, and persisted() gives its answer', { timeout: 60_000 }, async () => {
  const page = await app.browser.newPage()
  await openCorePage(page, app.server.url)
  const answer = await page.evaluate(() => window.crux.openKept())
  assert.equal(typeof answer.persisted, 'boolean')
  assert.equal(answer.persisted, answer.browserSays, 'persisted() is what the browser says')
  const { value: plan } = await page.evaluate(() => window.crux.kept('plan', { title: 'kept' }))
  assert.equal(plan.title, 'kept')
  await page.close()
  assert.deepEqual(app.browser.errors, [])
})

test('a commit IndexedDB refuses is STORAGE_UNAVAILABLE; other tabs never see it; the next commit works', { timeout: 60_000 }, async () => {
  const [tab, other] = [await app.browser.newPage(), await app.browser.newPage()]
  for (const page of [tab, other]) await openCorePage(page, app.server.url)
  const first = await tab.evaluate(() => window.crux.plan({ title: 'v1', metadata: { a: 1 } }))
  await other.evaluate((id) => window.crux.listen(id), first.id)

  await tab.evaluate(() => window.crux.refuseWrites())
  const refused = await tab.evaluate((id) => window.crux.updateMany(id, 'lost', 1).then(() => 'recorded', (e) => `${e.code}: ${e.message}`), first.id)
  await tab.evaluate(() => window.crux.allowWrites())
  assert.match(refused, /^STORAGE_UNAVAILABLE: could not write "default" in IndexedDB/)
  for (const page of [tab, other]) {
    const plan = await page.evaluate((id) => window.crux.getPlan(id), first.id)
    assert.equal(plan.version, 1)
    assert.deepEqual(plan.metadata, { a: 1 })
  }

  await tab.evaluate((id) => window.crux.updateMany(id, 'kept', 1), first.id)
  const heard = await other.evaluate(() => window.crux.heard())
  assert.deepEqual(heard.map(([version]) => version), [2], 'the other tab heard of the recorded update only')
  await tab.reload()
  await openCorePage(tab, app.server.url)
  const reloaded = await tab.evaluate((id) => window.crux.getPlan(id), first.id)
  assert.equal(reloaded.version, 2)
  assert.deepEqual(reloaded.metadata, { a: 1, kept0: 0, last: 'kept' })
  await Promise.all([tab.close(), other.close()])
  assert.deepEqual(app.browser.errors, [])
})
