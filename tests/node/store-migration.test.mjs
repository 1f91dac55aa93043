// A store written in the v1 format (tests/fixtures/stores/v1-all-states, made by commit 0e1613f)
// opens through the public API with nothing lost: every run and plan answers as it did, the
// past deadline times out, runs go on where they stopped, and opening it again changes nothing.
// With the v1 code this checks that the format still reads; once the format changes, it is the
// migration test (converted once, losing nothing).
import 'fake-indexeddb/auto'
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'

import { createCrux, SignalInvalidError, SuspendTimeoutError } from '@crux/core'
import { manualClock, rejectsWith, resultOf, uniqueName, untilStatus } from './support.mjs'
import {
  FLOW_IDS,
  OPEN_AT,
  assertV1Answers,
  defineV1Flows,
  dumpStore,
  fixtureDir,
  fixtureSums,
  loadV1Fixture,
  readV1Answers,
  seedStore,
  v1PlanIds,
} from '../support/v1-fixture.mjs'

const fixture = loadV1Fixture()
const { expected } = fixture
const DAY = 24 * 60 * 60 * 1000

const readAll = (crux) => readV1Answers(crux, v1PlanIds(expected))
const assertAnswers = (answers, view, when) => assertV1Answers(answers, view, expected, when)

async function openAndRead(name, now = () => OPEN_AT) {
  const crux = createCrux({ name, now })
  try {
    return await readAll(crux)
  } finally {
    await crux.close()
  }
}

test('the fixture is the committed one: no file changed, added or removed', () => {
  const listed = readFileSync(fixtureSums, 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.match(/^([0-9a-f]{64}) [ *](.+)$/).slice(1))
  assert.deepEqual(listed.map(([, file]) => file).sort(), readdirSync(fixtureDir).sort(), 'the files are those listed')
  for (const [sum, file] of listed) {
    const actual = createHash('sha256').update(readFileSync(`${fixtureDir}${file}`)).digest('hex')
    assert.equal(actual, sum, `${file} is unchanged (regenerating the fixture is never routine: see make-v1-store.mjs)`)
  }
  const files = fixture.manifest.entries.map((e) => e.file)
  assert.ok(files.some((f) => /^snap-\d+\.dat$/.test(f)), 'a compacted snapshot')
  const snapshot = files.find((f) => f.startsWith('snap-'))
  assert.ok(files.some((f) => f.startsWith('seg-') && f > `seg-${snapshot.slice(5, -4)}`), 'segments after the snapshot')
})

test('the v1 store opens with every run and plan as recorded, the past deadline timed out, and opening again changes nothing', async () => {
  const { name } = fixture
  await seedStore(indexedDB, name, fixture.entries)

  const first = await openAndRead(name)
  assertAnswers(first, expected.opened, 'first open')
  // Converted once: no version-1 file is left, and every run has its summary.
  const converted = (await dumpStore(indexedDB, name)).map(({ path }) => path.split('/').pop())
  assert.deepEqual(converted.filter((file) => /^(seg|snap)-/.test(file)), [], 'the version-1 files are gone')
  assert.equal(converted.filter((file) => file.startsWith('r.')).length, Object.keys(FLOW_IDS).length)
  // Nothing lost: every run and plan is there.
  assert.equal(first.listFlows.length, Object.keys(FLOW_IDS).length)
  assert.equal(first.plans.length, Object.keys(expected.planIds).length - expected.deletedPlanIds.length)
  // Opening at OPEN_AT recorded the timeout of the wait whose 1 h deadline had passed (only that).
  const expiring = first.flows[FLOW_IDS.expiring]
  assert.deepEqual(expiring.history.map((e) => e.type), ['started', 'suspended', 'timed-out'])
  assert.equal(expiring.history[2].at, OPEN_AT)
  assert.equal(expiring.status.status, 'running')
  for (const [role, flowId] of Object.entries(FLOW_IDS)) {
    if (role !== 'expiring') assert.deepEqual(first.flows[flowId], expected.generated.flows[flowId], `${role}: as generated`)
  }

  const second = await openAndRead(name)
  assertAnswers(second, expected.opened, 'second open')
  const afterSecond = await dumpStore(indexedDB, name)
  const third = await openAndRead(name)
  assertAnswers(third, expected.opened, 'third open')
  assert.deepEqual(await dumpStore(indexedDB, name), afterSecond, 'a later open leaves the stored entries as they were')
})

test('the runs of the v1 store go on where they stopped: signals, the buffered signal, the interrupted step, the sleep', async () => {
  const name = uniqueName('v1-resume')
  await seedStore(indexedDB, name, fixture.entries)
  const clock = manualClock(OPEN_AT)
  let crux = createCrux({ name, now: clock.now })
  try {
    // The wait whose deadline passed before opening refuses a late signal.
    await rejectsWith(() => crux.signalFlow(FLOW_IDS.expiring, 'reply', 'too late'), 'SUSPEND_TIMEOUT', SuspendTimeoutError)

    let slowCalls = 0
    const defs = defineV1Flows(crux, {
      slow: () => {
        slowCalls++
        return 'finished after the reopen'
      },
    })
    const handle = (role) => crux.getFlow(FLOW_IDS[role])

    // The interrupted run re-runs only the step that never finished.
    assert.deepEqual(await resultOf(handle('interrupted')), { first: 'done before the close', second: 'finished after the reopen' })
    assert.equal(slowCalls, 1)
    const interrupted = await handle('interrupted').history()
    assert.deepEqual(interrupted.slice(0, 2), expected.opened.flows[FLOW_IDS.interrupted].history)
    assert.deepEqual(interrupted.map((e) => `${e.type}:${e.name ?? ''}`).slice(2), ['step-completed:slow', 'completed:'])

    // The timed-out wait rejected with SUSPEND_TIMEOUT in the body, which caught it.
    assert.deepEqual(await resultOf(handle('expiring')), { timedOut: true })

    // The approval run's wait kept its JSON Schema and its deadline.
    await rejectsWith(() => handle('approval').signal('approve', { approved: 'yes' }), 'SIGNAL_INVALID', SignalInvalidError)
    assert.deepEqual((await handle('approval').status()).waitingFor, 'approve')
    assert.deepEqual(await handle('approval').signal('approve', { approved: true, note: 'ok' }), { outcome: 'delivered', waitingFor: 'approve' })
    assert.deepEqual(await resultOf(handle('approval')), {
      draft: 'draft of migration',
      decision: { approved: true, note: 'ok' },
      published: 'published',
    })

    // The signal buffered before the reopen is consumed by the second wait.
    assert.deepEqual(await handle('buffered').signal('first', { n: 1 }), { outcome: 'delivered', waitingFor: 'first' })
    assert.deepEqual(await resultOf(handle('buffered')), { first: { n: 1 }, second: { n: 2 } })
    const buffered = await handle('buffered').history()
    assert.equal(buffered.filter((e) => e.type === 'signaled').length, 2, 'no signal was lost or added')

    // The sleep is still on (10 days from generation); once its time passes, the run wakes up.
    assert.deepEqual(await handle('sleeper').status(), expected.opened.flows[FLOW_IDS.sleeper].status)
    clock.advance(10 * DAY)
    await untilStatus(handle('sleeper'), 'completed')
    assert.equal(await resultOf(handle('sleeper')), 'rested')

    // Closed runs stay as they were.
    for (const role of ['completed', 'loop', 'failed', 'cancelled']) {
      assert.deepEqual(await handle(role).status(), expected.opened.flows[FLOW_IDS[role]].status, role)
      assert.deepEqual(await handle(role).history(), expected.opened.flows[FLOW_IDS[role]].history, role)
    }
    await assert.rejects(handle('failed').result(), { code: 'E_UPSTREAM', message: 'upstream said no' })
    await assert.rejects(handle('cancelled').result(), { code: 'FLOW_CLOSED' })

    // Plans carry on from their recorded version.
    const tagged = expected.opened.plans.find((p) => p.id === expected.planIds.tagged)
    const updated = await crux.updatePlan(tagged.id, { metadata: { stage: 'done' } }, { ifVersion: tagged.version })
    assert.equal(updated.version, tagged.version + 1)
    assert.deepEqual(updated.metadata, { ...tagged.metadata, stage: 'done' })
    const added = await crux.plan({ title: 'after the reopen' })

    // A new run starts beside the old ones.
    assert.deepEqual(await resultOf(await defs.order.start({ qty: 2 })), { total: 10, currency: 'EUR', receipt: 'receipt #2 for 10' })

    const flows = await crux.listFlows()
    assert.equal(flows.length, Object.keys(FLOW_IDS).length + 1)
    assert.deepEqual(
      Object.fromEntries(flows.filter((f) => f.flowId.startsWith('v1-')).map((f) => [f.flowId, f.status])),
      {
        ...Object.fromEntries(Object.values(FLOW_IDS).map((id) => [id, 'completed'])),
        [FLOW_IDS.failed]: 'failed',
        [FLOW_IDS.cancelled]: 'cancelled',
      },
    )
    const before = await readAll(crux)
    await crux.close()

    // All of it is there after a reopen.
    crux = createCrux({ name, now: clock.now })
    const after = await readAll(crux)
    assert.deepEqual(after, before)
    assert.equal((await crux.listFlows()).length, flows.length)
    assert.deepEqual((await crux.getPlan(added.id)).title, 'after the reopen')
    assert.equal((await crux.listPlans()).length, expected.opened.plans.length + 1)
  } finally {
    await crux.close()
  }
})
