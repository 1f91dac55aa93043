// The API page itself: a script run in it reaches real IndexedDB through createCrux, and a
// refusal comes back as a typed CruxError.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { useServedApp } from './served-app.mjs'
import { apiPageRoot, inPage, openApiPage } from './api-page-driver.mjs'

const app = useServedApp(apiPageRoot)

test('a script on the API page records a plan in IndexedDB and gets typed errors back', { timeout: 60_000 }, async () => {
  const page = await app.browser.newPage()
  await openApiPage(page, app.server.url)
  const created = await inPage(page, async (Crux) => {
    const crux = Crux.createCrux({ name: 'api-page' })
    const p = await crux.plan({ title: 'hello' })
    await crux.close()
    const again = Crux.createCrux({ name: 'api-page' })
    const read = await again.getPlan(p.id)
    await again.close()
    return { title: read.title, databases: (await indexedDB.databases()).length }
  })
  assert.deepEqual(created.value.title, 'hello')
  assert.ok(created.value.databases >= 1)
  const refused = await inPage(page, (Crux) => Crux.createCrux({ name: 'api-page' }).updatePlan('nope', {}))
  assert.equal(refused.error.code, 'PLAN_NOT_FOUND')
  assert.equal(refused.error.cruxError, true)
  await page.close()
})
