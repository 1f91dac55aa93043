// Several tabs of one app in one Chromium profile, sharing one IndexedDB: writes from any tab
// all land, an approval from a tab without the flow resumes it exactly once, a run whose tab
// closes mid-step is taken over by another tab, and subscribers hear of other tabs' commits.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { fileURLToPath } from 'node:url'
import { useServedApp } from './served-app.mjs'
import { callCrux, openCorePage } from './core-page-driver.mjs'
import { poll } from './poll.mjs'

const app = useServedApp(fileURLToPath(new URL('./tabs-page/', import.meta.url)))

async function openTab({ flows = false } = {}) {
  const page = await app.browser.newPage()
  await openCorePage(page, `${app.server.url}${flows ? '?flows' : ''}`)
  return page
}

const call = (page, method, ...args) => page.evaluate(({ method, args }) => window.crux[method](...args), { method, args })

test('two tabs interleave 200 metadata updates of one plan and create plans; a third tab sees it all', { timeout: 120_000 }, async () => {
  const [a, b] = [await openTab(), await openTab()]
  const shared = await call(a, 'plan', { title: 'shared', metadata: {} })
  await Promise.all([
    call(a, 'updateMany', shared.id, 'a', 100),
    call(b, 'updateMany', shared.id, 'b', 100),
    call(a, 'createMany', 'from a', 10),
    call(b, 'createMany', 'from b', 10),
  ])
  const third = await openTab()
  for (const tab of [a, b, third]) {
    const plan = await call(tab, 'getPlan', shared.id)
    assert.equal(plan.version, 201, 'every update is a version')
    for (let i = 0; i < 100; i++) {
      assert.equal(plan.metadata[`a${i}`], i)
      assert.equal(plan.metadata[`b${i}`], i)
    }
    const titles = (await call(tab, 'listPlans')).map((p) => p.title)
    assert.equal(titles.length, 21)
    for (const prefix of ['from a', 'from b']) {
      for (let i = 0; i < 10; i++) assert.ok(titles.includes(`${prefix} ${i}`), `${prefix} ${i}`)
    }
  }
  await Promise.all([a, b, third].map((page) => page.close()))
  assert.deepEqual(app.browser.errors, [])
})

test('two tabs have the flow, a third without it approves: the step after the approval ran exactly once', { timeout: 60_000 }, async () => {
  const [one, two, approver] = [await openTab({ flows: true }), await openTab({ flows: true }), await openTab()]
  const flowId = await call(one, 'start', 'approval', { brief: 'ship it' })
  await poll('the run to suspend', () => call(approver, 'status', flowId), (s) => s.status === 'suspended')

  const refused = await callCrux(approver, 'signal', flowId, { ok: 'yes' })
  assert.equal(refused.error?.code, 'SIGNAL_INVALID', JSON.stringify(refused))
  await call(approver, 'signal', flowId, { ok: true })
  assert.deepEqual(await call(approver, 'result', flowId), { draft: 'draft of ship it', ok: true })
  await new Promise((resolve) => setTimeout(resolve, 500)) // a second pass would show by now

  assert.equal(await call(approver, 'count', 'ran:execute'), 1)
  assert.equal(await call(approver, 'count', 'ran:draft'), 1)
  const history = await call(two, 'history', flowId)
  assert.deepEqual(history.map((e) => e.type),
    ['started', 'step-completed', 'suspended', 'signaled', 'resumed', 'step-completed', 'completed'])
  await Promise.all([one, two, approver].map((page) => page.close()))
  assert.deepEqual(app.browser.errors, [])
})

for (const [how, stop] of [
  ['closes without warning', (page) => page.close({ runBeforeUnload: false })],
  ['crashes', async (page) => {
    const crashed = new Promise((resolve) => page.once('crash', resolve))
    const cdp = await page.context().newCDPSession(page)
    cdp.send('Page.crash').catch(() => {}) // never answers: the renderer is gone
    await crashed
  }],
]) {
  test(`the tab running a step ${how}: another tab takes the run over and finishes it`, { timeout: 60_000 }, async () => {
    const tabs = [await openTab({ flows: true }), await openTab({ flows: true })]
    // The counters live in the profile's localStorage, shared by both variants of this test.
    const counted = (key) => call(tabs[0], 'count', key)
    const keys = ['ran:one', 'started:slow', 'finished:slow', 'ran:three']
    const before = {}
    for (const key of keys) before[key] = await counted(key)
    const flowId = await call(tabs[0], 'start', 'long', { slowMs: 1500 })
    await poll('the slow step to start', () => counted('started:slow'), (n) => n === before['started:slow'] + 1)
    // Either tab may have taken the run (both have the flow): stop the one running it.
    const runningIn = await call(tabs[0], 'slowStepTab')
    const ids = await Promise.all(tabs.map((tab) => call(tab, 'tabId')))
    const runner = tabs[ids.indexOf(runningIn)]
    const standby = tabs[1 - ids.indexOf(runningIn)]
    assert.ok(runner, 'one of the tabs runs the step')
    await stop(runner)
    const stoppedAt = Date.now()

    await poll('the slow step to start again in the other tab', () => call(standby, 'count', 'started:slow'), (n) => n === before['started:slow'] + 2)
    const tookOverMs = Date.now() - stoppedAt
    assert.equal(await call(standby, 'slowStepTab'), ids[tabs.indexOf(standby)])
    assert.equal(await call(standby, 'result', flowId), 6)
    const ran = {}
    for (const key of keys) ran[key] = (await call(standby, 'count', key)) - before[key]
    assert.deepEqual(ran, { 'ran:one': 1, 'started:slow': 2, 'finished:slow': 1, 'ran:three': 1 },
      'only the interrupted step ran again; recorded steps did not')
    const steps = (await call(standby, 'history', flowId)).filter((e) => e.type === 'step-completed').map((e) => e.name)
    assert.deepEqual(steps, ['one', 'slow', 'three'])
    console.log(`# the tab ${how}: another tab took the run over ${tookOverMs} ms later`)
    await standby.close()
    assert.deepEqual(app.browser.errors, [])
  })
}

test('subscribers in another tab hear the committed updates in order, up to the last (latency reported)', { timeout: 60_000 }, async () => {
  const [writer, reader] = [await openTab(), await openTab()]
  const plan = await call(writer, 'plan', { title: 'watched', metadata: {} })
  await call(reader, 'getPlan', plan.id)
  await call(reader, 'listen', plan.id)
  const recorded = await call(writer, 'updateMany', plan.id, 'w', 200)
  const heard = await poll('the 200th update in the other tab', () => call(reader, 'heard'), (h) => h.at(-1)?.[0] === 201)
  // In order, each newer than the last; updates committed while the other tab was reading come
  // to it as the newest of them (the store holds a plan as it now is, not every version).
  const versions = heard.map(([version]) => version)
  assert.ok(versions.every((version, i) => i === 0 || version > versions[i - 1]), `in order: ${versions}`)
  assert.ok(versions.length >= 20, `heard while the writer worked, not only at the end: ${versions.length} changes`)
  console.log(`# the other tab heard ${versions.length} of 200 versions, the rest coalesced`)
  const latencies = heard.map(([version, at]) => Math.max(0, at - recorded[version - 2])).sort((x, y) => x - y)
  const median = latencies[Math.floor(latencies.length / 2)]
  const max = latencies.at(-1)
  console.log(`# cross-tab subscriber latency over 200 updates: median ${median.toFixed(1)} ms, max ${max.toFixed(1)} ms`)
  await Promise.all([writer, reader].map((page) => page.close()))
  assert.deepEqual(app.browser.errors, [])
})
