// The `persist` option in real Chromium: createCrux({ persist: true }) asks the browser to keep
// the origin's storage (navigator.storage.persist()) and persisted() reports its answer.
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
