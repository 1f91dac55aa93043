// Plan documents: JSON Merge Patch of metadata (RFC 7386), versions and ifVersion, change
// notification, stable frozen snapshots, deletion, and persistence across reloads.
import 'fake-indexeddb/auto'
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'

import { createCrux, closeDefaultCrux, PlanConflictError, PlanNotFoundError } from '@crux/core'
import { plan, updatePlan, getPlan, listPlans, deletePlan, subscribePlan } from '@crux/core/plan'

import { manualClock, rejectsWith, settle, uniqueName, withFrozenWallClock } from './support.mjs'

function open(t, options = {}) {
  const crux = createCrux({ name: uniqueName('plans'), ...options })
  t.after(() => crux.close())
  return crux
}

describe('metadata merges by JSON Merge Patch (RFC 7386, appendix A)', () => {
  // [original, patch, result]: the cases of the appendix whose target and result are objects
  const cases = [
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
    // and a few more of the same kind
    [{ a: { b: { c: 1, d: 2 } } }, { a: { b: { c: null } } }, { a: { b: { d: 2 } } }],
    [{ a: 1 }, {}, { a: 1 }],
    [{ a: 'x' }, { a: { nested: true } }, { a: { nested: true } }],
    [{ a: { nested: true } }, { a: 'x' }, { a: 'x' }],
    [{ list: [1, 2, 3] }, { list: [] }, { list: [] }],
  ]

  for (const [original, patch, result] of cases) {
    test(`${JSON.stringify(original)} + ${JSON.stringify(patch)} = ${JSON.stringify(result)}`, async (t) => {
      const crux = open(t)
      const created = await crux.plan({ title: 'T', content: 'C', metadata: original })
      assert.deepEqual(created.metadata, original)
      const updated = await crux.updatePlan(created.id, { metadata: patch })
      assert.deepEqual(updated.metadata, result)
      assert.equal(updated.version, 2)
      assert.equal(updated.title, 'T')
      assert.equal(updated.content, 'C')
      assert.deepEqual((await crux.getPlan(created.id)).metadata, result)
    })
  }

  test('the recipe: { status: "draft", flowId } + { status: "approved" } keeps flowId', async (t) => {
    const crux = open(t)
    const p = await crux.plan({ title: 'x', content: 'y', metadata: { status: 'draft', flowId: 'flow_1' } })
    const approved = await crux.updatePlan(p.id, { metadata: { status: 'approved' } })
    assert.deepEqual(approved.metadata, { status: 'approved', flowId: 'flow_1' })
  })

  test('successive patches compose', async (t) => {
    const crux = open(t)
    const p = await crux.plan({ title: 'x', content: 'y', metadata: {} })
    await crux.updatePlan(p.id, { metadata: { a: 1, b: { c: 2 } } })
    await crux.updatePlan(p.id, { metadata: { b: { d: 3 } } })
    const last = await crux.updatePlan(p.id, { metadata: { a: null, b: { c: null } } })
    assert.deepEqual(last.metadata, { b: { d: 3 } })
    assert.equal(last.version, 4)
  })
})

describe('fields, versions and ifVersion', () => {
  test('a new plan: version 1, timestamps from the injected clock, defaults for missing fields', async (t) => {
    const clock = manualClock()
    const crux = open(t, { now: clock.now })
    const p = await crux.plan({ title: 'Launch', content: 'Step 1', metadata: { owner: 'ana' } })
    assert.equal(typeof p.id, 'string')
    assert.ok(p.id.length > 0)
    assert.deepEqual(
      { ...p, id: undefined },
      { id: undefined, title: 'Launch', content: 'Step 1', metadata: { owner: 'ana' }, version: 1, createdAt: clock.now(), updatedAt: clock.now() },
    )
    const bare = await crux.plan({ title: 'Only a title' })
    assert.equal(bare.content, '')
    assert.deepEqual(bare.metadata, {})
    assert.notEqual(bare.id, p.id)
  })

  test('title and content replace; version increments by one per update; updatedAt follows the clock', async (t) => {
    const clock = manualClock()
    const crux = open(t, { now: clock.now })
    const created = clock.now()
    const p = await crux.plan({ title: 'v1', content: 'first', metadata: { k: 1 } })

    clock.advance(1000)
    const p2 = await crux.updatePlan(p.id, { title: 'v2' })
    assert.equal(p2.title, 'v2')
    assert.equal(p2.content, 'first')
    assert.deepEqual(p2.metadata, { k: 1 })
    assert.equal(p2.version, 2)
    assert.equal(p2.createdAt, created)
    assert.equal(p2.updatedAt, created + 1000)

    clock.advance(1000)
    const p3 = await crux.updatePlan(p.id, { content: 'second' })
    assert.equal(p3.title, 'v2')
    assert.equal(p3.content, 'second')
    assert.equal(p3.version, 3)
    assert.equal(p3.updatedAt, created + 2000)

    const p4 = await crux.updatePlan(p.id, {})
    assert.equal(p4.version, 4, 'an empty update is still a committed change')

    for (let i = 5; i <= 9; i++) assert.equal((await crux.updatePlan(p.id, { content: `c${i}` })).version, i)
    const final = await crux.getPlan(p.id)
    assert.equal(final.version, 9)
    assert.equal(final.content, 'c9')
    assert.equal(final.createdAt, created)
  })

  test('a stale ifVersion fails with PLAN_CONFLICT and leaves the plan unchanged', async (t) => {
    const crux = open(t)
    const p = await crux.plan({ title: 'A', content: 'a', metadata: { n: 1 } })
    const p2 = await crux.updatePlan(p.id, { title: 'B' }, { ifVersion: 1 })
    assert.equal(p2.version, 2)

    const error = await rejectsWith(
      () => crux.updatePlan(p.id, { title: 'C', metadata: { n: 2 } }, { ifVersion: 1 }),
      'PLAN_CONFLICT',
      PlanConflictError,
    )
    assert.match(error.message, /version 2/)
    await rejectsWith(() => crux.updatePlan(p.id, { title: 'C' }, { ifVersion: 3 }), 'PLAN_CONFLICT')
    await rejectsWith(() => crux.updatePlan(p.id, { title: 'C' }, { ifVersion: 0 }), 'PLAN_CONFLICT')

    const unchanged = await crux.getPlan(p.id)
    assert.equal(unchanged, p2, 'the same snapshot: nothing changed')
    assert.equal(unchanged.title, 'B')
    assert.deepEqual(unchanged.metadata, { n: 1 })
    assert.equal(unchanged.version, 2)

    const p3 = await crux.updatePlan(p.id, { title: 'C' }, { ifVersion: 2 })
    assert.equal(p3.title, 'C')
    assert.equal(p3.version, 3)
  })

  test('two writers racing with the same ifVersion: exactly one wins', async (t) => {
    const crux = open(t)
    const p = await crux.plan({ title: 'start', content: '' })
    const outcomes = await Promise.allSettled([
      crux.updatePlan(p.id, { title: 'left' }, { ifVersion: 1 }),
      crux.updatePlan(p.id, { title: 'right' }, { ifVersion: 1 }),
    ])
    const fulfilled = outcomes.filter((o) => o.status === 'fulfilled')
    const rejected = outcomes.filter((o) => o.status === 'rejected')
    assert.equal(fulfilled.length, 1)
    assert.equal(rejected.length, 1)
    assert.equal(rejected[0].reason.code, 'PLAN_CONFLICT')
    const now = await crux.getPlan(p.id)
    assert.equal(now.version, 2)
    assert.equal(now.title, fulfilled[0].value.title)
  })

  test('getPlan of an unknown id is undefined; updating or deleting it is PLAN_NOT_FOUND', async (t) => {
    const crux = open(t)
    assert.equal(await crux.getPlan('plan_does_not_exist'), undefined)
    await rejectsWith(() => crux.updatePlan('plan_does_not_exist', { title: 'x' }), 'PLAN_NOT_FOUND', PlanNotFoundError)
    await rejectsWith(() => crux.deletePlan('plan_does_not_exist'), 'PLAN_NOT_FOUND', PlanNotFoundError)
  })

  test('listPlans lists every plan, oldest first, and drops deleted ones', async (t) => {
    const clock = manualClock()
    const crux = open(t, { now: clock.now })
    assert.deepEqual(await crux.listPlans(), [])
    const a = await crux.plan({ title: 'a' })
    clock.advance(10)
    const b = await crux.plan({ title: 'b' })
    clock.advance(10)
    const c = await crux.plan({ title: 'c' })
    assert.deepEqual((await crux.listPlans()).map((p) => p.title), ['a', 'b', 'c'])
    await crux.deletePlan(b.id)
    const left = await crux.listPlans()
    assert.deepEqual(left.map((p) => p.id), [a.id, c.id])
    assert.equal(left[0], await crux.getPlan(a.id))
  })
})

describe('subscriptions and snapshots', () => {
  test('a subscriber is notified once per committed change, with the new Plan', async (t) => {
    const crux = open(t)
    const p = await crux.plan({ title: 'watched', content: '', metadata: {} })
    const seen = []
    const unsubscribe = crux.subscribePlan(p.id, (plan) => seen.push(plan))
    t.after(unsubscribe)
    await settle()
    assert.equal(seen.length, 0, 'subscribing does not notify')

    const N = 4
    const returned = []
    for (let i = 1; i <= N; i++) returned.push(await crux.updatePlan(p.id, { content: `rev ${i}` }))
    await settle()
    assert.equal(seen.length, N)
    assert.deepEqual(seen.map((plan) => plan.version), [2, 3, 4, 5])
    assert.deepEqual(seen.map((plan) => plan.content), ['rev 1', 'rev 2', 'rev 3', 'rev 4'])
    for (let i = 0; i < N; i++) assert.equal(seen[i], returned[i], 'the listener gets the same snapshot updatePlan returns')
    assert.equal(seen.at(-1), await crux.getPlan(p.id))
  })

  test('concurrent updates: one notification each, in version order', async (t) => {
    const crux = open(t)
    const p = await crux.plan({ title: 'busy', content: '' })
    const seen = []
    t.after(crux.subscribePlan(p.id, (plan) => seen.push(plan.version)))
    await Promise.all([1, 2, 3, 4, 5].map((i) => crux.updatePlan(p.id, { metadata: { [`k${i}`]: i } })))
    await settle()
    assert.deepEqual(seen, [2, 3, 4, 5, 6])
    assert.deepEqual((await crux.getPlan(p.id)).metadata, { k1: 1, k2: 2, k3: 3, k4: 4, k5: 5 })
  })

  test('failed updates do not notify', async (t) => {
    const crux = open(t)
    const p = await crux.plan({ title: 'quiet' })
    let calls = 0
    t.after(crux.subscribePlan(p.id, () => calls++))
    await rejectsWith(() => crux.updatePlan(p.id, { title: 'x' }, { ifVersion: 7 }), 'PLAN_CONFLICT')
    await rejectsWith(() => crux.updatePlan(p.id, { title: 5 }), 'INVALID_ARGUMENT')
    await settle()
    assert.equal(calls, 0)
  })

  test('subscribers hear only their plan; several subscribers each hear it once', async (t) => {
    const crux = open(t)
    const a = await crux.plan({ title: 'a' })
    const b = await crux.plan({ title: 'b' })
    const heardA1 = []
    const heardA2 = []
    const heardB = []
    t.after(crux.subscribePlan(a.id, (p) => heardA1.push(p.title)))
    t.after(crux.subscribePlan(a.id, (p) => heardA2.push(p.title)))
    t.after(crux.subscribePlan(b.id, (p) => heardB.push(p.title)))
    await crux.updatePlan(a.id, { title: 'a2' })
    await settle()
    assert.deepEqual(heardA1, ['a2'])
    assert.deepEqual(heardA2, ['a2'])
    assert.deepEqual(heardB, [])
  })

  test('deletePlan notifies undefined once; getPlan is then undefined', async (t) => {
    const crux = open(t)
    const p = await crux.plan({ title: 'doomed' })
    const seen = []
    t.after(crux.subscribePlan(p.id, (plan) => seen.push(plan)))
    await crux.deletePlan(p.id)
    await settle()
    assert.equal(seen.length, 1)
    assert.equal(seen[0], undefined)
    assert.equal(await crux.getPlan(p.id), undefined)
    await rejectsWith(() => crux.updatePlan(p.id, { title: 'back' }), 'PLAN_NOT_FOUND')
    await rejectsWith(() => crux.deletePlan(p.id), 'PLAN_NOT_FOUND')
    await settle()
    assert.equal(seen.length, 1)
  })

  test('unsubscribe stops notifications', async (t) => {
    const crux = open(t)
    const p = await crux.plan({ title: 'x' })
    let calls = 0
    const unsubscribe = crux.subscribePlan(p.id, () => calls++)
    await crux.updatePlan(p.id, { title: 'y' })
    await settle()
    assert.equal(calls, 1)
    unsubscribe()
    await crux.updatePlan(p.id, { title: 'z' })
    await crux.deletePlan(p.id)
    await settle()
    assert.equal(calls, 1)
    unsubscribe() // a second call is harmless
  })

  test('a listener that throws does not stop the others or the update', async (t) => {
    const crux = open(t)
    const p = await crux.plan({ title: 'x' })
    const heard = []
    const originalError = console.error
    console.error = () => {}
    t.after(() => {
      console.error = originalError
    })
    t.after(crux.subscribePlan(p.id, () => {
      throw new Error('listener bug')
    }))
    t.after(crux.subscribePlan(p.id, (plan) => heard.push(plan.title)))
    const updated = await crux.updatePlan(p.id, { title: 'y' })
    await settle()
    assert.equal(updated.title, 'y')
    assert.deepEqual(heard, ['y'])
  })

  test('snapshots are stable and frozen: the same object until the plan changes', async (t) => {
    const crux = open(t)
    const created = await crux.plan({ title: 'snap', content: 'c', metadata: { nested: { list: [1, { deep: true }] } } })
    const first = await crux.getPlan(created.id)
    const second = await crux.getPlan(created.id)
    assert.equal(first, second)
    assert.equal(first, created, 'plan() returns the same snapshot getPlan() does')
    assert.equal((await crux.listPlans()).find((p) => p.id === created.id), first)

    assert.ok(Object.isFrozen(first))
    assert.ok(Object.isFrozen(first.metadata))
    assert.ok(Object.isFrozen(first.metadata.nested))
    assert.ok(Object.isFrozen(first.metadata.nested.list))
    assert.ok(Object.isFrozen(first.metadata.nested.list[1]))
    assert.throws(() => {
      first.title = 'mutated'
    }, TypeError)
    assert.throws(() => {
      first.metadata.extra = 1
    }, TypeError)
    assert.throws(() => {
      first.metadata.nested.list.push(2)
    }, TypeError)
    assert.equal((await crux.getPlan(created.id)).title, 'snap')

    const updated = await crux.updatePlan(created.id, { title: 'snap 2' })
    const third = await crux.getPlan(created.id)
    assert.notEqual(third, first)
    assert.equal(third, updated)
    assert.equal(third.title, 'snap 2')
    assert.ok(Object.isFrozen(third))
    assert.equal(first.title, 'snap', 'the old snapshot is untouched')
    assert.equal(first.version, 1)
    assert.equal(await crux.getPlan(created.id), third)
  })

  test('the module-level functions work on the default instance too', async () => {
    const p = await plan({ title: 'module', content: 'level', metadata: { a: 1 } })
    let calls = 0
    const unsubscribe = subscribePlan(p.id, () => calls++)
    const p2 = await updatePlan(p.id, { metadata: { b: 2 } })
    assert.deepEqual(p2.metadata, { a: 1, b: 2 })
    assert.equal(await getPlan(p.id), p2)
    assert.ok((await listPlans()).some((x) => x.id === p.id))
    await deletePlan(p.id)
    await settle()
    assert.equal(calls, 2)
    assert.equal(await getPlan(p.id), undefined)
    unsubscribe()
  })
})

describe('plans survive a reload', () => {
  test('an isolated instance: close, then a new instance with the same name sees the plan', async (t) => {
    const name = uniqueName('plans-reload')
    const clock = manualClock()
    const first = createCrux({ name, now: clock.now })
    const p = await first.plan({ title: 'durable', content: 'body', metadata: { status: 'draft', tags: ['a'] } })
    clock.advance(5000)
    const p2 = await first.updatePlan(p.id, { content: 'body v2', metadata: { status: 'approved' } })
    const gone = await first.plan({ title: 'deleted before the reload' })
    await first.deletePlan(gone.id)
    await first.close()

    const second = createCrux({ name, now: clock.now })
    t.after(() => second.close())
    const reloaded = await second.getPlan(p.id)
    assert.deepEqual(reloaded, p2)
    assert.deepEqual(reloaded, {
      id: p.id,
      title: 'durable',
      content: 'body v2',
      metadata: { status: 'approved', tags: ['a'] },
      version: 2,
      createdAt: p.createdAt,
      updatedAt: p.createdAt + 5000,
    })
    assert.ok(Object.isFrozen(reloaded))
    assert.equal(await second.getPlan(gone.id), undefined)
    assert.deepEqual((await second.listPlans()).map((x) => x.id), [p.id])

    // and it keeps going: versions continue, ifVersion is checked against the stored version
    await rejectsWith(() => second.updatePlan(p.id, { title: 'x' }, { ifVersion: 1 }), 'PLAN_CONFLICT')
    assert.equal((await second.updatePlan(p.id, { title: 'after reload' }, { ifVersion: 2 })).version, 3)
  })

  test('the default instance: closeDefaultCrux() and the module-level functions see the plan again', async () => {
    const p = await plan({ title: 'default durable', content: 'x', metadata: { n: 1 } })
    const p2 = await updatePlan(p.id, { metadata: { n: 2 } })
    await closeDefaultCrux()
    const reloaded = await getPlan(p.id)
    assert.notEqual(reloaded, p2, 'a new instance makes its own snapshot')
    assert.deepEqual(reloaded, p2)
    await deletePlan(p.id)
    await closeDefaultCrux()
    assert.equal(await getPlan(p.id), undefined)
    await closeDefaultCrux()
  })

  test('updates committed within one wall-clock millisecond all survive a reload', async (t) => {
    // Emscripten's file system stamps files with Date.now(); every committed update must
    // still reach IndexedDB when several land in the same millisecond.
    const name = uniqueName('plans-same-ms')
    let id
    await withFrozenWallClock(async () => {
      const first = createCrux({ name })
      const p = await first.plan({ title: 'v1', content: '' })
      id = p.id
      await first.updatePlan(id, { title: 'v2' })
      await first.updatePlan(id, { title: 'v3', metadata: { done: true } })
      await first.close()
    })
    const second = createCrux({ name })
    t.after(() => second.close())
    const reloaded = await second.getPlan(id)
    assert.equal(reloaded?.title, 'v3')
    assert.equal(reloaded?.version, 3)
    assert.deepEqual(reloaded?.metadata, { done: true })
  })
})
