// What a store keeps: a closed run's journal folds into one entry, deleteFlow deletes a run
// whatever its state, and retainClosedFor drops closed runs older than it when the store opens.
// Plans stay until deleted.
import 'fake-indexeddb/auto'
import { test } from 'node:test'
import assert from 'node:assert/strict'

import { createCrux, FlowNotFoundError } from '@crux/core'
import { manualClock, rejectsWith, resultOf, uniqueName, until, untilStatus } from './support.mjs'

const request = (req) =>
  new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error)
  })

/** The names of the store's entries, as IndexedDB holds them. */
async function entryNames(name) {
  const db = await request(indexedDB.open(`/crux/${name}`))
  try {
    const keys = await request(db.transaction('FILE_DATA').objectStore('FILE_DATA').getAllKeys())
    return keys.map((key) => key.split('/').pop()).sort()
  } finally {
    db.close()
  }
}

const define = (crux) =>
  crux.flow('approve', async (flow) => {
    const draft = await flow.step('draft', () => 'text')
    const answer = await flow.suspend('decision')
    return { draft, answer }
  })

test("a closed run's journal is one entry; a run in progress has one entry per event", async (t) => {
  const name = uniqueName('fold')
  const crux = createCrux({ name })
  t.after(() => crux.close())
  const def = define(crux)
  const open = await def.start({}, { flowId: 'open' })
  const closed = await def.start({}, { flowId: 'closed' })
  await untilStatus(open, 'suspended')
  await untilStatus(closed, 'suspended')
  await closed.signal('decision', 'yes')
  assert.deepEqual(await resultOf(closed), { draft: 'text', answer: 'yes' })
  const names = await entryNames(name)
  assert.deepEqual(names.filter((n) => n.includes('closed')), ['c.closed', 'r.closed'])
  assert.deepEqual(names.filter((n) => n.includes('open')), ['j.open.0000000001', 'j.open.0000000002', 'j.open.0000000003', 'r.open'])
  await crux.close()

  const reopened = createCrux({ name })
  t.after(() => reopened.close())
  assert.deepEqual((await reopened.getFlow('closed').history()).map((e) => e.type),
    ['started', 'step-completed', 'suspended', 'signaled', 'resumed', 'completed'])
  assert.deepEqual(await reopened.getFlow('closed').result(), { draft: 'text', answer: 'yes' })
})

test('deleteFlow deletes a run whatever its state: its entries go, another tab hears it, its plan stays', async (t) => {
  const name = uniqueName('delete')
  const crux = createCrux({ name })
  const other = createCrux({ name })
  t.after(() => Promise.all([crux.close(), other.close()]))
  const def = define(crux)
  const handle = await def.start({}, { flowId: 'doomed' })
  await untilStatus(handle, 'suspended')
  const plan = await crux.plan({ title: 'kept', metadata: { flowId: 'doomed' } })
  assert.equal((await other.getFlow('doomed').status()).status, 'suspended')
  let heard = 0
  other.subscribeFlow('doomed', () => heard++)

  await crux.deleteFlow('doomed')
  await rejectsWith(() => handle.status(), 'FLOW_NOT_FOUND', FlowNotFoundError)
  await rejectsWith(() => handle.signal('decision', 'too late'), 'FLOW_NOT_FOUND')
  await rejectsWith(() => crux.deleteFlow('doomed'), 'FLOW_NOT_FOUND')
  // Its journal is gone; its summary entry is a tombstone until the next index snapshot.
  assert.deepEqual((await entryNames(name)).filter((n) => n.includes('doomed')), ['r.doomed'])
  await until(() => heard > 0, { message: 'the other tab to hear of the deletion' })
  assert.equal(other.peekFlow('doomed'), undefined)
  await rejectsWith(() => other.getFlow('doomed').status(), 'FLOW_NOT_FOUND')
  assert.equal((await crux.getPlan(plan.id)).title, 'kept')
  assert.deepEqual(await crux.listFlows(), [])
})

test('retainClosedFor drops closed runs older than it when the store opens; runs in progress and plans stay', async (t) => {
  const name = uniqueName('retain')
  const clock = manualClock()
  const crux = createCrux({ name, now: clock.now })
  const def = define(crux)
  const waiting = await def.start({}, { flowId: 'waiting' })
  const done = await def.start({}, { flowId: 'done' })
  const cancelled = await def.start({}, { flowId: 'cancelled' })
  for (const handle of [waiting, done, cancelled]) await untilStatus(handle, 'suspended')
  await done.signal('decision', 'yes')
  await resultOf(done)
  await cancelled.cancel('no longer needed')
  const plan = await crux.plan({ title: 'kept' })
  await crux.close()

  clock.advance(29 * 86_400_000)
  const early = createCrux({ name, now: clock.now, retainClosedFor: '30d' })
  assert.deepEqual((await early.listFlows()).map((f) => f.flowId).sort(), ['cancelled', 'done', 'waiting'])
  await early.close()

  clock.advance(2 * 86_400_000)
  const later = createCrux({ name, now: clock.now, retainClosedFor: '30d' })
  t.after(() => later.close())
  assert.deepEqual((await later.listFlows()).map((f) => f.flowId), ['waiting'])
  assert.equal((await later.getPlan(plan.id)).title, 'kept')
  assert.deepEqual((await entryNames(name)).filter((n) => /done|cancelled/.test(n)), ['r.cancelled', 'r.done'], 'tombstones only')
  await rejectsWith(() => Promise.resolve().then(() => createCrux({ name: uniqueName('bad'), retainClosedFor: {} })), 'INVALID_ARGUMENT')
})
