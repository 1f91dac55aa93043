// A schema whose checking would double per level of the payload, in a real page: the signal is
// refused as too costly to check, promptly, the page stays responsive, and the wait still takes a
// valid payload afterwards.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { useServedApp } from './served-app.mjs'
import { apiPageRoot, inPage, openApiPage } from './api-page-driver.mjs'

const app = useServedApp(apiPageRoot)

test('an exponential anyOf over a 25-deep payload is refused promptly in Chromium, and the wait goes on', { timeout: 60_000 }, async () => {
  const page = await app.browser.newPage()
  await openApiPage(page, app.server.url)
  const outcome = await inPage(page, async (Crux) => {
    const schema = { anyOf: [{ type: 'array', items: { $ref: '#' } }, { type: 'array', items: { $ref: '#' } }, { type: 'number' }] }
    const crux = Crux.createCrux({ name: 'hostile-schema' })
    const def = crux.flow('doubling', async (flow) => flow.suspend('w', { schema }))
    const handle = await def.start()
    for (let i = 0; i < 200 && (await handle.status()).status !== 'suspended'; i++) await new Promise((r) => setTimeout(r, 20))
    let payload = 'not a number'
    for (let i = 0; i < 25; i++) payload = [payload]
    // A timer that should fire every 10 ms: the longest gap shows whether the page froze.
    let last = performance.now()
    let longestGap = 0
    const timer = setInterval(() => {
      const now = performance.now()
      longestGap = Math.max(longestGap, now - last)
      last = now
    }, 10)
    const started = performance.now()
    let refused
    try {
      await handle.signal('w', payload)
    } catch (error) {
      refused = { code: error.code, message: error.message }
    }
    const took = performance.now() - started
    await new Promise((r) => setTimeout(r, 50))
    clearInterval(timer)
    await handle.signal('w', [[1]])
    const result = await handle.result()
    await crux.close()
    return { refused, took, longestGap, result }
  })
  const { refused, took, longestGap, result } = outcome.value
  console.log(`refused in ${took.toFixed(0)} ms; longest timer gap ${longestGap.toFixed(0)} ms`)
  assert.equal(refused.code, 'SIGNAL_INVALID')
  assert.match(refused.message, /too costly to check/)
  assert.ok(took < 2000, `refused after ${took} ms`)
  assert.ok(longestGap < 2000, `the page froze for ${longestGap} ms`)
  assert.deepEqual(result, [[1]])
  await page.close()
})
