// Storage in real Chromium: the `persist` option and its answer, and a full quota.
// (`createCrux({ persist: true })` asks navigator.storage.persist(); persisted() reports the answer.)
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { fileURLToPath } from 'node:url'
import { useServedApp } from './served-app.mjs'
import { callCrux, openCorePage } from './core-page-driver.mjs'
import { launchChromium } from './chromium.mjs'
import { poll } from './poll.mjs'

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

test('a full quota: the commit that does not fit is STORAGE_UNAVAILABLE, records nothing, other tabs never see it, and it works once space is back', { timeout: 90_000 }, async (t) => {
  // A profile of its own: Chromium takes an origin's quota when its storage is first used.
  const browser = await launchChromium()
  t.after(() => browser.close())
  const [tab, other] = [await browser.newPage(), await browser.newPage()]
  for (const page of [tab, other]) await openCorePage(page, app.server.url)
  // Chromium takes the quota when a database is first opened, and counts values stored inline
  // (a commit writes one segment file, at most 32 KiB plus a record): so the quota is set before
  // Crux opens the store, and updates of 20 KB each soon pass it.
  const cdp = await browser.context.newCDPSession(tab)
  const origin = new URL(app.server.url).origin
  const usage = await tab.evaluate(async () => (await navigator.storage.estimate()).usage)
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: usage + 300_000 })
  const first = await tab.evaluate(() => window.crux.plan({ title: 'v1', metadata: {} }))
  await other.evaluate((id) => window.crux.getPlan(id), first.id) // loaded, so every later change is news
  await other.evaluate((id) => window.crux.listen(id), first.id)
  const filler = (i) => `${i}:`.padEnd(20_000, 'x')
  let recorded = 1
  let refused
  try {
    for (let i = 0; i < 100 && !refused; i++) {
      const outcome = await callCrux(tab, 'updatePlan', first.id, { content: filler(i) })
      if (outcome.error) refused = { i, ...outcome.error }
      else recorded = outcome.value.version
    }
  } finally {
    await cdp.send('Storage.overrideQuotaForOrigin', { origin })
  }
  assert.ok(refused, 'some update passed the quota')
  assert.equal(refused.code, 'STORAGE_UNAVAILABLE')
  assert.equal(refused.cruxError, true)
  assert.match(refused.message, /QuotaExceededError/)
  for (const page of [tab, other]) {
    const plan = await page.evaluate((id) => window.crux.getPlan(id), first.id)
    assert.equal(plan.version, recorded, 'what was recorded before stays; the refused update is not there')
    assert.equal(plan.content, filler(refused.i - 1))
  }

  const heardBeforeRetry = (await other.evaluate(() => window.crux.heard())).map(([version]) => version)
  assert.ok(heardBeforeRetry.every((version) => version <= recorded), `the other tab never heard of the refused update: ${heardBeforeRetry}`)

  const retried = await callCrux(tab, 'updatePlan', first.id, { content: filler(refused.i) })
  assert.equal(retried.value?.version, recorded + 1, JSON.stringify(retried.error))
  const heard = (await poll('the other tab to hear of the update after the refusal', () => other.evaluate(() => window.crux.heard()),
    (h) => h.at(-1)?.[0] === recorded + 1)).map(([version]) => version)
  // Updates that land while the other tab is reading arrive as the newest of them (README, "many
  // tabs"): so each version at most once, in order, ending with the last.
  assert.ok(heard.every((version, i) => version >= 2 && (i === 0 || version > heard[i - 1])),
    `the other tab heard recorded updates once each, in order: ${heard}`)
  await tab.reload()
  await openCorePage(tab, app.server.url)
  const reloaded = await tab.evaluate((id) => window.crux.getPlan(id), first.id)
  assert.equal(reloaded.version, recorded + 1)
  assert.equal(reloaded.content, filler(refused.i))
  await Promise.all([tab.close(), other.close()])
  assert.deepEqual(browser.errors, [])
})
