// The demo's own controls, as a person uses them: a flow that fails on an unreachable model
// (or one that refuses this page's origin) says why, with a hint, and Retry drafts again;
// cancelling a flow while it drafts or waits, deleting plans; plans waiting for a decision
// pointed out on coming back; a title or brief of spaces refused; Escape closing Settings; a
// **bold** phrase half-streamed from a model server shown bold, never as asterisks.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import { createServer as createTcpServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { useServedApp } from './served-app.mjs'
import { DemoPage } from './demo-page.mjs'
import { poll } from './poll.mjs'
import { streamBytes } from '../node/support/llm-server.mjs'

const demoRoot = fileURLToPath(new URL('../../demo/', import.meta.url))
const app = useServedApp(demoRoot)

let closedPort // a port nothing listens on
let noCors // a server that answers, but without CORS headers: the browser refuses its replies
let paused // an OpenAI-compatible server (CORS allowed) that streams a reply and stops halfway through a bold phrase
let release // lets `paused` send the rest
const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': '*', 'Access-Control-Allow-Methods': 'POST' }
const pausedReply = '# Plan: Launch\n\n1. **Thank the beta testers** — name each of them.\n2. **Ship it** — today.\n'

before(async () => {
  closedPort = await new Promise((done) => {
    const probe = createTcpServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address()
      probe.close(() => done(port))
    })
  })
  noCors = createServer((request, response) => {
    response.writeHead(200, { 'Content-Type': 'application/json' })
    response.end('{}')
  })
  await new Promise((ready) => noCors.listen(0, '127.0.0.1', ready))

  const words = pausedReply.split(/(?<= )/)
  const bytes = streamBytes('chat.completions', pausedReply, { deltas: words })
  const cut = bytes.lastIndexOf('data:', bytes.indexOf('beta '))
  paused = createServer(async (request, response) => {
    if (request.method === 'OPTIONS') return response.writeHead(204, cors).end()
    for await (const _ of request); // the body is not needed
    response.writeHead(200, { ...cors, 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' })
    response.write(bytes.subarray(0, cut)) // up to "**Thank the "
    await new Promise((go) => (release = go))
    response.end(bytes.subarray(cut))
  })
  await new Promise((ready) => paused.listen(0, '127.0.0.1', ready))
})

after(async () => {
  release?.()
  await Promise.all([noCors, paused].map((server) => new Promise((done) => {
    server.closeAllConnections()
    server.close(done)
  })))
})

async function openDemo(flowId) {
  const demo = new DemoPage(await app.browser.newPage(), app.server.url)
  await demo.open(flowId)
  return demo
}

async function useModel(demo, choose) {
  await demo.page.getByRole('button', { name: /Settings/ }).click()
  const settings = demo.page.getByRole('form', { name: 'Model settings' })
  await choose(settings)
  await settings.getByRole('button', { name: 'Use this model' }).click()
  await settings.waitFor({ state: 'detached' })
}

const useServer = (baseURL) => (settings) => settings.getByLabel('OpenAI-compatible server').check()
  .then(() => settings.getByLabel('Base URL').fill(baseURL))
const useOffline = (settings) => settings.getByLabel('Offline model').check()

/** The browser's own console lines about the refused requests are expected here; nothing else. */
function unexpectedErrors() {
  return app.browser.errors.filter((e) => !/Failed to load resource|blocked by CORS policy|net::ERR_FAILED/.test(e))
}

for (const [what, baseURL, shot] of [
  ['a model server that is not running', () => `http://127.0.0.1:${closedPort}/v1`, 'failed-unreachable'],
  ["a model server that does not allow this page's origin (CORS)", () => `http://127.0.0.1:${noCors.address().port}/v1`, 'failed-cors'],
]) {
  test(`${what}: the failed flow says why, with a hint, and Retry drafts the plan again`, { timeout: 60_000 }, async () => {
    const demo = await openDemo()
    await useModel(demo, useServer(baseURL()))
    const failedId = await demo.createPlan('Board update', 'Summarise the quarter for the board')
    const failure = demo.page.getByRole('alert', { name: 'Failure' })
    await failure.waitFor({ timeout: 20_000 })
    const text = await failure.innerText()
    assert.match(text, /The model could not be reached\./)
    assert.match(text, new RegExp(`no answer from 127\\.0\\.0\\.1:${new URL(baseURL()).port}`))
    assert.match(text, /CORS/)
    assert.match(text, new RegExp(`OLLAMA_ORIGINS=${app.server.url.replace(/\/$/, '').replace(/\./g, '\\.')}`))
    assert.match(text, /GENERATE_FAILED/)
    assert.equal(await demo.planStatus(), 'failed')
    // No empty box where the plan would have been.
    assert.equal(await demo.document.getByTestId('plan-content').count(), 0)
    await demo.screenshot(shot)

    // Back on the offline model, Retry starts the flow again with the same title and brief.
    await useModel(demo, useOffline)
    await failure.getByRole('button', { name: 'Retry' }).click()
    const retriedId = await poll('the retried run to be selected', () => demo.selectedFlowId(), (id) => id && id !== failedId)
    await demo.waitForStatus('awaiting-approval', 20_000)
    assert.match(await demo.planText(), /Plan: Board update/)
    assert.equal(await demo.document.locator('.brief').innerText(), 'Summarise the quarter for the board')
    // The failed plan made way for the new one.
    assert.equal(await demo.row(failedId).count(), 0)
    await poll('the retried run to wait for approval', () => demo.rowRunStatus(retriedId), (s) => s === 'suspended')
    await demo.page.close()
    assert.deepEqual(unexpectedErrors(), [])
  })
}

test('cancelling a flow while it drafts stops the draft; a waiting plan is deleted with its flow', { timeout: 90_000 }, async () => {
  const demo = await openDemo()
  // The slowest typing speed, so the draft is still streaming when it is cancelled.
  await demo.page.getByRole('button', { name: /Settings/ }).click()
  await demo.page.getByLabel(/Typing delay/).focus()
  await demo.page.keyboard.press('End')
  await demo.page.getByRole('button', { name: 'Use this model' }).click()

  const drafting = await demo.createPlan('Hiring plan', 'Hire two engineers and a designer by spring')
  await poll('the draft to start streaming', () => demo.planText(), (t) => t.length > 40, { timeout: 20_000 })
  await demo.press('Cancel flow')
  await demo.waitForStatus('cancelled')
  await demo.page.getByText('You cancelled this flow. Nothing more will run.').waitFor()
  assert.equal(await demo.page.getByRole('button', { name: 'Cancel flow' }).count(), 0)
  const stopped = await demo.planText()
  await new Promise((r) => setTimeout(r, 1500))
  assert.equal(await demo.planText(), stopped, 'the draft went on streaming after the flow was cancelled')
  const events = await poll('the timeline to show the cancellation', () => demo.timeline(), (e) => e.at(-1)?.type === 'cancelled')
  assert.match(events.at(-1).text, /Cancelled/)
  assert.equal(await demo.rowRunStatus(drafting), 'cancelled')
  await demo.screenshot('cancelled')

  // Delete asks once more; "Keep it" keeps it.
  await demo.press('Delete plan')
  await demo.page.getByRole('group', { name: 'Confirm deletion' }).waitFor()
  await demo.press('Keep it')
  assert.equal(await demo.row(drafting).count(), 1)
  await demo.press('Delete plan')
  await demo.press('Delete')
  await demo.row(drafting).waitFor({ state: 'detached' })
  assert.equal(await demo.selectedFlowId(), undefined)

  // A plan waiting for approval: deleting it cancels its flow too, so no approval can come.
  await useModel(demo, (s) => s.getByLabel('Offline model').check().then(() => s.getByLabel(/Typing delay/).focus())
    .then(() => demo.page.keyboard.press('Home')))
  const waiting = await demo.createPlan('Budget review', 'Review the travel budget with finance')
  await demo.waitForStatus('awaiting-approval', 20_000)
  await demo.press('Delete plan')
  assert.match(await demo.page.getByRole('group', { name: 'Confirm deletion' }).innerText(), /Its flow is cancelled too/)
  await demo.press('Delete')
  await demo.row(waiting).waitFor({ state: 'detached' })
  // Its page now says the plan is gone; its history ends with the cancellation.
  await demo.open(waiting)
  await demo.page.getByText('This plan is not here any more').waitFor()
  const history = await poll('the deleted plan\'s history', () => demo.timeline(), (e) => e.at(-1)?.type === 'cancelled')
  assert.ok(!history.some((e) => e.type === 'signaled'))
  await demo.page.close()
  assert.deepEqual(unexpectedErrors(), [])
})

test('coming back, the plans waiting for a decision are pointed out', { timeout: 60_000 }, async () => {
  const first = await openDemo()
  const a = await first.createPlan('Offsite agenda', 'Two days, twelve people')
  await first.waitForStatus('awaiting-approval', 20_000)
  const b = await first.createPlan('Pricing page', 'Rewrite the pricing page for the new plans')
  await first.waitForStatus('awaiting-approval', 20_000)
  await first.page.close()

  const back = await openDemo()
  const notice = back.page.getByRole('region', { name: 'Waiting for you' })
  await notice.waitFor()
  const waitingRows = await back.page.locator('button.plan-row.needs-you').count()
  assert.ok(waitingRows >= 2)
  assert.match(await notice.innerText(), new RegExp(`${waitingRows} plans are waiting for your decision`))
  assert.match(await notice.innerText(), /Offsite agenda[\s\S]*Pricing page|Pricing page[\s\S]*Offsite agenda/)
  assert.equal(await back.page.title(), `(${waitingRows}) Crux · Plan with approval`)
  assert.match(await back.page.getByRole('navigation', { name: 'Plans' }).innerText(), new RegExp(`${waitingRows} waiting for you`))
  await back.screenshot('waiting-for-you')

  await notice.getByRole('button', { name: 'Offsite agenda' }).click()
  await poll('the waiting plan to open', () => back.selectedFlowId(), (id) => id === a)
  assert.doesNotMatch(await notice.innerText(), /Offsite agenda/)
  await back.press('Approve')
  await back.waitForStatus('done', 20_000)
  assert.equal(await back.page.title(), `(${waitingRows - 1}) Crux · Plan with approval`)
  assert.equal(await back.row(b).getByTestId('plan-status').getAttribute('data-status'), 'awaiting-approval')
  await back.page.close()
  assert.deepEqual(unexpectedErrors(), [])
})

test('a title or brief of spaces is refused in words; Escape closes Settings', { timeout: 30_000 }, async () => {
  const demo = await openDemo()
  const rows = await demo.page.locator('button.plan-row').count()
  await demo.page.getByLabel('Title').fill('   ')
  await demo.page.getByLabel('Brief').fill(' \n\t ')
  await demo.press('Draft plan')
  await demo.page.getByText('Give the plan a title.').waitFor()
  await demo.page.getByText('Say in a sentence or two what the plan is for.').waitFor()
  assert.equal(await demo.page.getByLabel('Title').getAttribute('aria-invalid'), 'true')
  assert.ok(await demo.page.getByLabel('Title').evaluate((el) => el === document.activeElement))
  await demo.page.getByLabel('Title').fill('Real title')
  await demo.press('Draft plan')
  await demo.page.getByText('Say in a sentence or two what the plan is for.').waitFor()
  assert.equal(await demo.page.getByText('Give the plan a title.').count(), 0)
  await new Promise((r) => setTimeout(r, 300))
  assert.equal(await demo.page.locator('button.plan-row').count(), rows, 'a plan was started from spaces')
  assert.equal(await demo.selectedFlowId(), undefined)

  const chip = demo.page.getByRole('button', { name: /Settings/ })
  await chip.click()
  const settings = demo.page.getByRole('form', { name: 'Model settings' })
  await settings.waitFor()
  await demo.page.keyboard.press('Escape')
  await settings.waitFor({ state: 'detached' })
  assert.ok(await chip.evaluate((el) => el === document.activeElement), 'focus did not return to the Settings button')
  assert.equal(await chip.getAttribute('aria-expanded'), 'false')
  await demo.page.close()
  assert.deepEqual(unexpectedErrors(), [])
})

test('a bold phrase still streaming shows bold, never as asterisks', { timeout: 60_000 }, async () => {
  const demo = await openDemo()
  await useModel(demo, useServer(`http://127.0.0.1:${paused.address().port}/v1`))
  await demo.createPlan('Launch', 'Launch day')
  // The model has sent "1. **Thank the " and waits: the line shows "Thank the" in bold already.
  const line = demo.document.getByTestId('plan-content').locator('.md-item')
  await poll('the half-sent bold phrase', () => line.first().innerText().catch(() => ''), (t) => /Thank the/.test(t))
  const bold = line.first().locator('strong')
  assert.equal(await bold.count(), 1, await line.first().innerText())
  assert.equal((await bold.innerText()).trim(), 'Thank the')
  assert.doesNotMatch(await demo.planText(), /\*/)
  await demo.screenshot('streaming-bold')

  release()
  await demo.waitForStatus('awaiting-approval', 20_000)
  assert.deepEqual(await demo.document.getByTestId('plan-content').locator('strong').allInnerTexts(), ['Thank the beta testers', 'Ship it'])
  assert.doesNotMatch(await demo.planText(), /\*/)
  await demo.page.close()
  assert.deepEqual(unexpectedErrors(), [])
})
