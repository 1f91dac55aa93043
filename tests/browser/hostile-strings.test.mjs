// Lone UTF-16 surrogates in a real page: refused at the door with a typed error, never
// rewritten into another string, and nothing of them reaches IndexedDB.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { useServedApp } from './served-app.mjs'
import { apiPageRoot, inPage, openApiPage } from './api-page-driver.mjs'

const app = useServedApp(apiPageRoot)

test('lone surrogates in names, ids, plans and payloads are refused in Chromium, and a new instance sees nothing of them', { timeout: 60_000 }, async () => {
  const page = await app.browser.newPage()
  await openApiPage(page, app.server.url)
  const outcome = await inPage(page, async (Crux) => {
    const codeOf = async (call) => {
      try {
        await call()
        return 'resolved'
      } catch (error) {
        return error instanceof Crux.CruxError ? error.code : `untyped ${error}`
      }
    }
    const crux = Crux.createCrux({ name: 'lone-surrogates' })
    const def = crux.flow('strings', async (flow) => flow.suspend('w'))
    const codes = {
      flowName: await codeOf(() => crux.flow('lone\uD800', async () => 1)),
      flowId: await codeOf(() => def.start({}, { flowId: 'id\uD800z' })),
      planTitle: await codeOf(() => crux.plan({ title: 'a\uD800b' })),
      input: await codeOf(() => def.start({ brief: '\uDC00' })),
    }
    const handle = await def.start({ brief: 'ok' })
    for (let i = 0; i < 100 && (await handle.status()).status !== 'suspended'; i++) await new Promise((r) => setTimeout(r, 20))
    codes.payload = await codeOf(() => handle.signal('w', { note: 'x\uD83D' }))
    codes.signalName = await codeOf(() => handle.signal('w\uD800', 1))
    await crux.close()
    const again = Crux.createCrux({ name: 'lone-surrogates' })
    const seen = { flows: (await again.listFlows()).length, plans: (await again.listPlans()).length, status: (await again.getFlow(handle.flowId).status()).status }
    await again.close()
    return { codes, seen }
  })
  assert.deepEqual(outcome.value.codes, {
    flowName: 'INVALID_ARGUMENT',
    flowId: 'INVALID_ARGUMENT',
    planTitle: 'NOT_SERIALIZABLE',
    input: 'NOT_SERIALIZABLE',
    payload: 'NOT_SERIALIZABLE',
    signalName: 'INVALID_ARGUMENT',
  })
  assert.deepEqual(outcome.value.seen, { flows: 1, plans: 0, status: 'suspended' })
  await page.close()
})
