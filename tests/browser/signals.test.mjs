// Signals in real Chromium, through the demo as a person uses it: a misspelled signal name
// resolves as buffered and the page says so (the console and the timeline) while the plan
// still waits; the right name is delivered.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { fileURLToPath } from 'node:url'
import { useServedApp } from './served-app.mjs'
import { DemoPage } from './demo-page.mjs'
import { poll } from './poll.mjs'

const app = useServedApp(fileURLToPath(new URL('../../demo/', import.meta.url)))

test('a misspelled signal is shown as buffered, with the wait the flow is parked on; the right name is delivered', { timeout: 60_000 }, async () => {
  const demo = new DemoPage(await app.browser.newPage(), app.server.url)
  await demo.open()
  await demo.createPlan('Office move', 'Move the team to the new office over one weekend')
  await demo.waitForStatus('awaiting-approval', 20_000)

  await demo.sendRawSignal('{ "approved": true }', 'await-aproval')
  const console = demo.page.locator('details.signal-console')
  const outcome = console.getByRole('status')
  await outcome.waitFor()
  assert.equal(await outcome.getAttribute('data-outcome'), 'buffered')
  const said = await outcome.innerText()
  assert.match(said, /buffered, not delivered/)
  assert.match(said, /waiting for await-approval, not await-aproval/)

  const events = await poll('the buffered signal in the timeline', () => demo.timeline(), (e) => e.some((x) => x.type === 'signaled'))
  const buffered = events.find((e) => e.type === 'signaled')
  assert.equal(buffered.name, 'await-aproval')
  assert.match(buffered.text, /Signal “await-aproval” kept for later/)
  assert.match(buffered.text, /Nothing was waiting for it/)
  assert.doesNotMatch(buffered.text, /received/)
  assert.equal(await demo.planStatus(), 'awaiting-approval')
  await demo.screenshot('signals-01-buffered')

  await demo.sendRawSignal('{ "approved": false }', 'await-approval')
  await poll('the delivered outcome', () => outcome.getAttribute('data-outcome'), (o) => o === 'delivered')
  await poll('the run to resume on the delivered signal', () => demo.timeline(),
    (e) => e.some((x) => x.type === 'resumed' && x.name === 'await-approval'))
  await demo.page.close()
  assert.deepEqual(app.browser.errors, [])
})
