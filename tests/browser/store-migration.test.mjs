// The v1 fixture store (tests/fixtures/stores/v1-all-states) in real Chromium: its IDBFS entries
// put in the page's IndexedDB as IDBFS would have left them, then opened by createCrux in the
// page, in one page and again in new pages. Every run and plan answers as recorded, and the runs
// go on where they stopped. (The Node twin, tests/node/store-migration.test.mjs, checks more.)
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { useServedApp } from './served-app.mjs'
import { apiPageRoot, inPage, openApiPage } from './api-page-driver.mjs'
import { FLOW_IDS, OPEN_AT, assertV1Answers, loadV1Fixture, v1PlanIds } from '../support/v1-fixture.mjs'

const app = useServedApp(apiPageRoot)
const fixture = loadV1Fixture()
const { expected } = fixture

/** Runs `script(Crux, V1, arg)` in the page; fails the test on a rejection. */
async function run(page, script, arg) {
  const outcome = await inPage(page, `async (Crux, arg) => (${script})(Crux, window.V1, arg)`, arg)
  if (outcome.error) assert.fail(`in the page: ${outcome.error.name} ${outcome.error.code ?? ''}: ${outcome.error.message}`)
  return outcome.value
}

/** createCrux({ name }) at OPEN_AT in the page; answers about every run and plan, then closes. */
const openAndRead = (page, name) =>
  run(
    page,
    async (Crux, V1, { name, planIds }) => {
      const crux = Crux.createCrux({ name, now: () => V1.OPEN_AT })
      try {
        return await V1.readV1Answers(crux, planIds)
      } finally {
        await crux.close()
      }
    },
    { name, planIds: v1PlanIds(expected) },
  )

test('the v1 store opens in Chromium with nothing lost, again after a reload, and its runs go on', { timeout: 60_000 }, async () => {
  const name = fixture.name
  const entries = fixture.entries.map(({ contents, ...entry }) => ({ ...entry, base64: Buffer.from(contents).toString('base64') }))

  const first = await app.browser.newPage()
  await openApiPage(first, app.server.url)
  await run(
    first,
    async (Crux, V1, { name, entries }) => {
      const bytes = (base64) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
      await V1.seedStore(indexedDB, name, entries.map(({ base64, ...entry }) => ({ ...entry, contents: bytes(base64) })))
    },
    { name, entries },
  )
  const seeded = await run(first, async (Crux, V1, name) => (await V1.dumpStore(indexedDB, name)).map((e) => e.path), name)
  assert.deepEqual(seeded, fixture.manifest.entries.map((e) => e.path).sort(), 'the page holds the fixture entries')
  assertV1Answers(await openAndRead(first, name), expected.opened, expected, 'first open')
  await first.close()

  // A new page (a new module and instance, as after a reload) sees the same, then runs go on.
  const second = await app.browser.newPage()
  await openApiPage(second, app.server.url)
  assertV1Answers(await openAndRead(second, name), expected.opened, expected, 'open in a new page')
  const resumed = await run(
    second,
    async (Crux, V1, name) => {
      const crux = Crux.createCrux({ name, now: () => V1.OPEN_AT })
      try {
        V1.defineV1Flows(crux, { slow: () => 'finished after the reopen' })
        const flow = (role) => crux.getFlow(V1.FLOW_IDS[role])
        const refusal = await flow('approval').signal('approve', { approved: 'yes' }).catch((error) => error.code)
        const late = await crux.signalFlow(V1.FLOW_IDS.expiring, 'reply', 'too late').catch((error) => error.code)
        await flow('approval').signal('approve', { approved: true })
        await flow('buffered').signal('first', { n: 1 })
        const results = {}
        for (const role of ['interrupted', 'expiring', 'approval', 'buffered']) results[role] = await flow(role).result()
        return { refusal, late, results, sleeper: (await flow('sleeper').status()).status, count: (await crux.listFlows()).length }
      } finally {
        await crux.close()
      }
    },
    name,
  )
  assert.equal(resumed.refusal, 'SIGNAL_INVALID', "the approval's JSON Schema still checks signals")
  assert.equal(resumed.late, 'SUSPEND_TIMEOUT', 'the wait past its deadline refuses a late signal')
  assert.deepEqual(resumed.results, {
    interrupted: { first: 'done before the close', second: 'finished after the reopen' },
    expiring: { timedOut: true },
    approval: { draft: 'draft of migration', decision: { approved: true }, published: 'published' },
    buffered: { first: { n: 1 }, second: { n: 2 } },
  })
  assert.equal(resumed.sleeper, 'suspended')
  assert.equal(resumed.count, Object.keys(FLOW_IDS).length)

  // After a reload, what the runs did is there.
  await second.reload()
  await second.waitForFunction(() => document.getElementById('state')?.textContent === 'ready')
  const after = await openAndRead(second, name)
  const statuses = Object.fromEntries(Object.entries(FLOW_IDS).map(([role, id]) => [role, after.flows[id].status.status]))
  assert.deepEqual(statuses, {
    completed: 'completed',
    loop: 'completed',
    failed: 'failed',
    cancelled: 'cancelled',
    approval: 'completed',
    buffered: 'completed',
    sleeper: 'suspended',
    expiring: 'completed',
    interrupted: 'completed',
  })
  assert.deepEqual(after.plans, expected.opened.plans, 'the plans are untouched')
  for (const role of ['completed', 'loop', 'failed', 'cancelled', 'sleeper']) {
    assert.deepEqual(after.flows[FLOW_IDS[role]], expected.opened.flows[FLOW_IDS[role]], role)
  }
  assert.equal(after.flows[FLOW_IDS.expiring].history[2].at, OPEN_AT)
  await second.close()
  assert.deepEqual(app.browser.errors, [])
})
