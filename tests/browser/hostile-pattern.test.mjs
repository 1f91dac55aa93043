// A signal against a catastrophic JSON Schema pattern cannot freeze a real page: `^(a+)+$`
// against 30 a's and a b used to block Chromium for 8-9 s (the host RegExp backtracking); now
// our matcher refuses it at once with SIGNAL_INVALID, and ordinary patterns still work.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { useServedApp } from './served-app.mjs'
import { apiPageRoot, inPage, openApiPage } from './api-page-driver.mjs'

const app = useServedApp(apiPageRoot)

test('a hostile pattern signal is refused promptly in Chromium, and a normal pattern still works', { timeout: 60_000 }, async () => {
  const page = await app.browser.newPage()
  await openApiPage(page, app.server.url)
  const outcome = await inPage(page, async (Crux) => {
    const crux = Crux.createCrux({ name: 'hostile-pattern' })
    const waiter = crux.flow('pattern-waiter', (flow) =>
      flow.suspend('value', { schema: { type: 'string', pattern: flow.input.pattern } }),
    )
    const suspended = async (handle) => {
      for (let i = 0; i < 500 && (await handle.status()).status !== 'suspended'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
    }
    const hostile = await waiter.start({ pattern: '^(a+)+$' })
    await suspended(hostile)
    // A timer that should fire every 10 ms: a frozen page would show a long gap.
    let lastTick = performance.now()
    let longestGap = 0
    const ticker = setInterval(() => {
      const now = performance.now()
      longestGap = Math.max(longestGap, now - lastTick)
      lastTick = now
    }, 10)
    const started = performance.now()
    let refusal = null
    try {
      await crux.signalFlow(hostile.flowId, 'value', 'a'.repeat(30) + 'b')
    } catch (error) {
      refusal = error.code
    }
    const elapsed = performance.now() - started
    await new Promise((resolve) => setTimeout(resolve, 50))
    clearInterval(ticker)

    const email = await waiter.start({ pattern: '^[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}$' })
    await suspended(email)
    let badEmail = null
    try {
      await crux.signalFlow(email.flowId, 'value', 'not an email')
    } catch (error) {
      badEmail = error.code
    }
    await crux.signalFlow(email.flowId, 'value', 'someone@example.com')
    const result = await email.result()
    await crux.close()
    return { refusal, elapsed, longestGap, badEmail, result }
  })
  assert.equal(outcome.error, undefined, JSON.stringify(outcome.error))
  const { refusal, elapsed, longestGap, badEmail, result } = outcome.value
  assert.equal(refusal, 'SIGNAL_INVALID')
  assert.ok(elapsed < 500, `refused after ${elapsed.toFixed(0)} ms`)
  assert.ok(longestGap < 500, `the page was blocked for ${longestGap.toFixed(0)} ms`)
  assert.equal(badEmail, 'SIGNAL_INVALID')
  assert.equal(result, 'someone@example.com')
  await page.close()
})
