// In a real page with real IndexedDB: plan metadata comes back in the order it was written, a
// merge patch appends its new keys, and a new instance of the same name reads the same order.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { useServedApp } from './served-app.mjs'
import { apiPageRoot, inPage, openApiPage } from './api-page-driver.mjs'

const app = useServedApp(apiPageRoot)

test('plan metadata keeps its key order in Chromium, across a new instance of the same name', { timeout: 60_000 }, async () => {
  const page = await app.browser.newPage()
  await openApiPage(page, app.server.url)
  // Key lists are computed in the page, so nothing between the page and this test reorders them.
  const seen = await inPage(page, async (Crux) => {
    const keys = (plan) => Object.keys(plan.metadata).join(',')
    const crux = Crux.createCrux({ name: 'key-order' })
    const created = await crux.plan({ title: 'T', metadata: { status: 'draft', flowId: 'x', b: 1, a: 2 } })
    const got = await crux.getPlan(created.id)
    const listed = (await crux.listPlans()).find((p) => p.id === created.id)
    const peeked = crux.peekPlan(created.id)
    const updated = await crux.updatePlan(created.id, { metadata: { zeta: 1, alpha: 2 } })
    await crux.close()
    const again = Crux.createCrux({ name: 'key-order' })
    const reloaded = await again.getPlan(created.id)
    const reloadedList = (await again.listPlans()).find((p) => p.id === created.id)
    const reloadedPeek = again.peekPlan(created.id)
    await again.close()
    return {
      created: keys(created), got: keys(got), listed: keys(listed), peeked: keys(peeked),
      updated: keys(updated), reloaded: keys(reloaded), reloadedList: keys(reloadedList), reloadedPeek: keys(reloadedPeek),
    }
  })
  assert.equal(seen.error, undefined, JSON.stringify(seen.error))
  const written = 'status,flowId,b,a'
  const patched = 'status,flowId,b,a,zeta,alpha'
  assert.deepEqual(seen.value, {
    created: written, got: written, listed: written, peeked: written,
    updated: patched, reloaded: patched, reloadedList: patched, reloadedPeek: patched,
  })
  await page.close()
})
