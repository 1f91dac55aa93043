// The demo page in real Chromium, built by Vite from the workspace packages as `npm start`
// builds it: the whole recipe as a person goes through it, with reloads and closed pages
// during the wait, the reject path, and a signal the schema refuses.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { fileURLToPath } from 'node:url'
import { useServedApp } from './served-app.mjs'
import { DemoPage } from './demo-page.mjs'
import { poll } from './poll.mjs'

const demoRoot = fileURLToPath(new URL('../../demo/', import.meta.url))

const app = useServedApp(demoRoot)

async function openDemo(flowId) {
  const demo = new DemoPage(await app.browser.newPage(), app.server.url)
  await demo.open(flowId)
  return demo
}

const types = (events) => events.map((e) => (e.name ? `${e.type}:${e.name}` : e.type))

test('the full loop: the draft streams in, an edited plan is approved, and the result appears', { timeout: 60_000 }, async () => {
  const demo = await openDemo()
  await demo.screenshot('01-empty')
  await demo.createPlan('Launch the v1 blog post', 'Announce our 1.0 release to developers')

  // Watch the plan being written: its text grows while the status says drafting.
  const seen = []
  const rawMarkers = []
  await poll('the draft to finish', async () => {
    const status = await demo.planStatus()
    const text = await demo.planText()
    if (status === 'drafting' && text.length > 0 && text.length !== seen.at(-1)) seen.push(text.length)
    if (text.includes('*')) rawMarkers.push(text.slice(-60)) // half-streamed **bold** shows as bold, never as asterisks
    if (seen.length === 2) await demo.screenshot('02-drafting')
    return status
  }, (status) => status === 'awaiting-approval', { timeout: 20_000, interval: 40 })
  assert.ok(seen.length >= 2, `the draft was seen at ${seen.length} lengths while drafting: ${JSON.stringify(seen)}`)
  assert.ok(seen.every((n, i) => i === 0 || n > seen[i - 1]), `the draft did not only grow: ${JSON.stringify(seen)}`)
  assert.deepEqual(rawMarkers, [], 'markdown markers were shown while the draft streamed')
  const draft = await demo.planText()
  assert.ok(draft.length > seen.at(-1) || draft.length === seen.at(-1))
  assert.match(draft, /\S/)
  await demo.screenshot('03-awaiting-approval')

  await demo.approveWithEdit((text) => `${text.trimEnd()}\n\n8. **Thank the beta testers** — name each of them in the post.`)
  await demo.waitForStatus('done', 20_000)
  assert.match(await demo.planText(), /Thank the beta testers — name each of them in the post\.$/)
  // The offline model reports on the plan it was given: the edited one, with its added step.
  const report = await demo.reportText()
  assert.match(report, /Execution report: Launch the v1 blog post/)
  assert.match(report, /Thank the beta testers/)
  // Its Revisions line says what the reviewer changed, not what the prompt told the model.
  assert.match(report, /Revisions applied\. Added “Thank the beta testers”\./)
  assert.doesNotMatch(report, /reviewer edited|carry out the edited|\*/)
  assert.doesNotMatch(await demo.document.locator('header').innerText(), /version/i)
  await demo.page.getByRole('heading', { name: 'Result' }).waitFor()

  const events = await poll('the timeline to show the run completed', () => demo.timeline(), (e) => e.at(-1)?.type === 'completed')
  assert.deepEqual(types(events), [
    'started:writer-flow', 'step-completed:create-plan', 'step-completed:draft-plan', 'step-completed:persist-plan',
    'suspended:await-approval', 'signaled:await-approval', 'resumed:await-approval', 'step-completed:execute', 'completed',
  ])
  assert.match(events[5].text, /Approved, with your edits/)
  // In a person's words: no step or wait names, no internals.
  const internals = events.map((e) => e.text).filter((t) => /await-approval|draft-plan|create-plan|persist-plan|at the latest|flow:/.test(t))
  assert.deepEqual(internals, [])
  assert.match(events[4].text, /Waiting for your decision/)
  const row = demo.page.locator(`button.plan-row[data-flow-id="${await demo.selectedFlowId()}"]`)
  assert.equal(await row.getByTestId('plan-status').getAttribute('data-status'), 'done')
  assert.equal(await row.getAttribute('data-run-status'), 'completed')
  await demo.screenshot('04-done')
  await demo.page.close()
  assert.deepEqual(app.browser.errors, [])
})

test('a run waiting for approval survives a reload and a closed page; approved, it resumes without drafting again', { timeout: 60_000 }, async () => {
  const first = await openDemo()
  const flowId = await first.createPlan('Quarterly planning', 'Plan the Q3 roadmap review with three teams')
  await first.waitForStatus('awaiting-approval', 20_000)
  const draft = await first.planText()

  await first.reload()
  await first.waitForStatus('awaiting-approval')
  assert.equal(await first.selectedFlowId(), flowId)
  assert.equal(await first.planText(), draft)
  const databases = await first.databases()
  assert.ok(databases.includes('/crux/default'), `IndexedDB databases after the reload: ${JSON.stringify(databases)}`)
  await first.screenshot('05-after-reload')
  await first.page.close()

  // A new page on the same browser profile, as when a person comes back another day.
  const second = await openDemo(flowId)
  await second.waitForStatus('awaiting-approval')
  assert.equal(await second.planText(), draft)
  assert.equal(await second.rowRunStatus(flowId), 'suspended')

  await second.press('Approve')
  await second.waitForStatus('done', 20_000)
  // Had the draft step run again, it would have emptied and rewritten the plan.
  assert.equal(await second.planText(), draft)
  const events = await poll('the timeline to show the run completed', () => second.timeline(), (e) => e.at(-1)?.type === 'completed')
  assert.equal(events.filter((e) => e.type === 'step-completed' && e.name === 'draft-plan').length, 1, JSON.stringify(types(events)))
  assert.deepEqual(types(events).slice(-5), [
    'suspended:await-approval', 'signaled:await-approval', 'resumed:await-approval', 'step-completed:execute', 'completed',
  ])
  assert.match(events.find((e) => e.type === 'signaled').text, /Approved/)
  await second.screenshot('06-approved-after-new-page')
  await second.page.close()
  assert.deepEqual(app.browser.errors, [])
})

test('two tabs: the plan drafting in one appears live in the other, which approves it; the first shows it done', { timeout: 60_000 }, async () => {
  const writer = await openDemo()
  const reviewer = await openDemo()
  const flowId = await writer.createPlan('Team offsite', 'Plan a two-day offsite for twelve people')
  // The reviewing tab lists the new run and, on its page, sees the draft as it is written.
  const row = reviewer.page.locator(`button.plan-row[data-flow-id="${flowId}"]`)
  await row.waitFor({ timeout: 10_000 })
  await row.click()
  await reviewer.waitForStatus('awaiting-approval', 20_000)
  await writer.waitForStatus('awaiting-approval', 20_000)
  assert.equal(await reviewer.planText(), await writer.planText())
  await reviewer.screenshot('07-second-tab-reviewing')

  await reviewer.press('Approve')
  await writer.waitForStatus('done', 20_000)
  await reviewer.waitForStatus('done', 20_000)
  assert.match(await writer.reportText(), /Execution report: Team offsite/)
  const events = await poll('the timeline to show the run completed', () => writer.timeline(), (e) => e.at(-1)?.type === 'completed')
  assert.equal(events.filter((e) => e.type === 'step-completed' && e.name === 'execute').length, 1, JSON.stringify(types(events)))
  await writer.screenshot('08-first-tab-done')
  await Promise.all([writer.page.close(), reviewer.page.close()])
  assert.deepEqual(app.browser.errors, [])
})

test('a refused signal is shown as a readable error and changes nothing; rejecting ends the run without executing', { timeout: 60_000 }, async () => {
  const demo = await openDemo()
  const flowId = await demo.createPlan('Office move', 'Move the team to the new office over one weekend')
  await demo.waitForStatus('awaiting-approval', 20_000)

  await demo.sendRawSignal('{ "approved": "yes" }')
  const alert = demo.page.locator('details.signal-console').getByRole('alert')
  await alert.waitFor()
  const message = await alert.innerText()
  assert.match(message, /The signal was refused: its payload does not match what the flow is waiting for\./)
  assert.match(message, /\/approved/)
  assert.match(message, /expected boolean/)
  await demo.screenshot('07-invalid-signal')

  await demo.sendRawSignal('{ "approved": ')
  await poll('the JSON error', () => alert.innerText(), (text) => /not valid JSON/.test(text))

  await demo.reload()
  await demo.waitForStatus('awaiting-approval')
  assert.ok(!(await demo.timeline()).some((e) => e.type === 'signaled'), 'a refused signal was recorded')

  await demo.press('Reject')
  await demo.waitForStatus('rejected')
  await demo.page.getByText('You rejected this plan. Nothing was carried out.').waitFor()
  const events = await poll('the timeline to show the run completed', () => demo.timeline(), (e) => e.at(-1)?.type === 'completed')
  assert.deepEqual(types(events).slice(-4), ['suspended:await-approval', 'signaled:await-approval', 'resumed:await-approval', 'completed'])
  assert.match(events.find((e) => e.type === 'signaled').text, /Rejected/)
  assert.equal(await demo.reportText(), '')
  assert.equal(await demo.rowRunStatus(flowId), 'completed')
  await demo.screenshot('08-rejected')

  // A closed run refuses further signals, in words.
  await demo.sendRawSignal('{ "approved": true }')
  await poll('the closed-flow error', () => demo.page.locator('details.signal-console').getByRole('alert').innerText(),
    (text) => /already finished/.test(text))
  await demo.page.close()
  assert.deepEqual(app.browser.errors, [])
})

test('model settings point at an OpenAI-compatible server; the API key is kept in memory only', { timeout: 30_000 }, async () => {
  const demo = await openDemo()
  await demo.page.getByRole('button', { name: /Offline model/ }).click()
  const settings = demo.page.getByRole('form', { name: 'Model settings' })
  await settings.getByLabel('OpenAI-compatible server').check()
  await settings.getByLabel('Base URL').fill('http://localhost:11434/v1')
  await settings.getByLabel('Model', { exact: true }).fill('llama3.2')
  await settings.getByLabel(/API key/).fill('sk-demo-secret-4711')
  await demo.screenshot('09-settings')
  await settings.getByRole('button', { name: 'Use this model' }).click()
  await demo.page.getByRole('button', { name: /llama3\.2 @ localhost:11434/ }).waitFor()

  await demo.reload()
  await demo.page.getByRole('button', { name: /Offline model/ }).waitFor()
  const stored = await demo.page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie)
  assert.ok(!stored.includes('sk-demo-secret-4711'), 'the API key was written to web storage')
  await demo.page.close()
  assert.deepEqual(app.browser.errors, [])
})
