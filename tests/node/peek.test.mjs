// The synchronous side of @crux/core for useSyncExternalStore: peekPlan, peekPlans and peekFlow
// return the same frozen object until a committed change, subscribePlans hears every change
// to the list, and all of them are undefined until the instance has loaded its store.
import 'fake-indexeddb/auto'
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'

import { createCrux, closeDefaultCrux } from '@crux/core'
import { plan, updatePlan, deletePlan, peekPlan, peekPlans, subscribePlans } from '@crux/core/plan'
import { flow, peekFlow } from '@crux/core/flow'

import { rejectsWith, resultOf, settle, tickingClock, uniqueName, untilStatus } from './support.mjs'

function open(t, options = {}) {
  const crux = createCrux({ name: uniqueName('peek'), storage: 'memory', now: tickingClock(), ...options })
  t.after(() => crux.close())
  return crux
}

describe('before the store has loaded', () => {
  test('every peek is undefined, then reads the store once ready() resolves', async (t) => {
    const first = createCrux({ name: uniqueName('peek-load') })
    const created = await first.plan({ title: 'kept' })
    const handle = await first.flow('parked', (f) => f.suspend('go')).start()
    await untilStatus(handle, 'suspended', 'go')
    await first.close()

    const crux = createCrux({ name: first.name })
    t.after(() => crux.close())
    assert.equal(crux.peekPlan(created.id), undefined)
    assert.equal(crux.peekPlans(), undefined)
    assert.equal(crux.peekFlow(handle.flowId), undefined)
    await crux.ready()
    assert.equal(crux.peekPlan(created.id).title, 'kept')
    assert.deepEqual(crux.peekPlans().map((p) => p.id), [created.id])
    assert.equal(crux.peekFlow(handle.flowId).status, 'suspended')
  })

  test('after close every peek is undefined', async (t) => {
    const crux = createCrux({ name: uniqueName('peek-closed'), storage: 'memory' })
    const p = await crux.plan({ title: 'x' })
    await crux.close()
    assert.equal(crux.peekPlan(p.id), undefined)
    assert.equal(crux.peekPlans(), undefined)
  })
})

describe('peekPlan', () => {
  test('the same frozen snapshot getPlan, updatePlan and subscribePlan give, until the plan changes', async (t) => {
    const crux = open(t)
    const created = await crux.plan({ title: 'a', content: 'c', metadata: { nested: { n: 1 } } })
    assert.equal(crux.peekPlan(created.id), created)
    assert.equal(crux.peekPlan(created.id), crux.peekPlan(created.id))
    assert.ok(Object.isFrozen(crux.peekPlan(created.id).metadata.nested))

    const heard = []
    t.after(crux.subscribePlan(created.id, (p) => heard.push(p)))
    const updated = await crux.updatePlan(created.id, { content: 'd' })
    assert.notEqual(updated, created)
    assert.equal(crux.peekPlan(created.id), updated)
    assert.equal(heard[0], updated)
    assert.equal(await crux.getPlan(created.id), updated)
  })

  test('a plan never read before (a reload) is read from the store once, then cached', async (t) => {
    const first = createCrux({ name: uniqueName('peek-reload') })
    const created = await first.plan({ title: 'old' })
    await first.close()
    const crux = createCrux({ name: first.name })
    t.after(() => crux.close())
    await crux.ready()
    const peeked = crux.peekPlan(created.id)
    assert.deepEqual({ ...peeked }, { ...created })
    assert.equal(crux.peekPlan(created.id), peeked)
    assert.equal(await crux.getPlan(created.id), peeked)
  })

  test('missing and deleted plans are undefined; a bad id is INVALID_ARGUMENT', async (t) => {
    const crux = open(t)
    await crux.ready()
    assert.equal(crux.peekPlan('plan_nope'), undefined)
    const p = await crux.plan({ title: 'doomed' })
    assert.equal(crux.peekPlan(p.id), p)
    await crux.deletePlan(p.id)
    assert.equal(crux.peekPlan(p.id), undefined)
    await rejectsWith(() => crux.peekPlan(5), 'INVALID_ARGUMENT')
  })
})

describe('peekPlans and subscribePlans', () => {
  test('one frozen array, oldest first, until a plan is created, changed or deleted', async (t) => {
    const crux = open(t)
    await crux.ready()
    const empty = crux.peekPlans()
    assert.deepEqual(empty, [])
    assert.equal(crux.peekPlans(), empty)
    assert.ok(Object.isFrozen(empty))

    const a = await crux.plan({ title: 'a' })
    const b = await crux.plan({ title: 'b' })
    const two = crux.peekPlans()
    assert.notEqual(two, empty)
    assert.deepEqual(two, [a, b])
    assert.equal(two[0], a, 'the list holds the plans\' own snapshots')
    assert.equal(crux.peekPlans(), two)

    const a2 = await crux.updatePlan(a.id, { title: 'a2' })
    const changed = crux.peekPlans()
    assert.notEqual(changed, two)
    assert.equal(changed[0], a2)
    assert.equal(changed[1], b, 'an unchanged plan keeps its snapshot')

    await crux.deletePlan(a.id)
    assert.deepEqual(crux.peekPlans(), [b])
  })

  test('a failed change keeps the same list', async (t) => {
    const crux = open(t)
    const p = await crux.plan({ title: 'x' })
    const list = crux.peekPlans()
    await rejectsWith(() => crux.updatePlan(p.id, { title: 'y' }, { ifVersion: 9 }), 'PLAN_CONFLICT')
    assert.equal(crux.peekPlans(), list)
  })

  test('a subscriber hears each commit once, with the new list; unsubscribe stops it', async (t) => {
    const crux = open(t)
    const heard = []
    const unsubscribe = crux.subscribePlans((plans) => heard.push(plans))
    const a = await crux.plan({ title: 'a' })
    await crux.updatePlan(a.id, { title: 'a2' })
    const b = await crux.plan({ title: 'b' })
    await crux.deletePlan(a.id)
    await settle()
    assert.deepEqual(heard.map((plans) => plans.map((p) => p.title)), [['a'], ['a2'], ['a2', 'b'], ['b']])
    assert.equal(heard.at(-1), crux.peekPlans())
    assert.equal(heard.at(-1)[0], b)

    unsubscribe()
    await crux.plan({ title: 'c' })
    await settle()
    assert.equal(heard.length, 4)
    assert.throws(() => crux.subscribePlans('nope'), { code: 'INVALID_ARGUMENT' })
  })

  test('flow changes do not notify the list', async (t) => {
    const crux = open(t)
    let calls = 0
    t.after(crux.subscribePlans(() => calls++))
    const handle = await crux.flow('quiet', async (f) => f.step('s', () => 1)).start()
    await resultOf(handle)
    await settle()
    assert.equal(calls, 0)
  })
})

describe('peekFlow', () => {
  test('running → suspended → completed, each a new frozen object, the same between changes', async (t) => {
    const crux = open(t)
    let release
    const gate = new Promise((resolve) => (release = resolve))
    const def = crux.flow('approval', async (f) => {
      await f.step('draft', () => gate)
      const { ok } = await f.suspend('approve')
      return { ok }
    })
    const handle = await def.start()
    const running = crux.peekFlow(handle.flowId)
    assert.equal(running.status, 'running')
    assert.equal(crux.peekFlow(handle.flowId), running)
    assert.ok(Object.isFrozen(running))

    let changes = 0
    t.after(crux.subscribeFlow(handle.flowId, () => changes++))
    release('text')
    await untilStatus(handle, 'suspended', 'approve')
    await settle()
    const suspended = crux.peekFlow(handle.flowId)
    assert.notEqual(suspended, running)
    assert.deepEqual({ ...suspended }, await handle.status())
    assert.equal(crux.peekFlow(handle.flowId), suspended)
    assert.ok(changes > 0)

    await handle.signal('approve', { ok: true })
    await resultOf(handle)
    await settle()
    const completed = crux.peekFlow(handle.flowId)
    assert.equal(completed.status, 'completed')
    assert.deepEqual(completed.result, { ok: true })
    assert.ok(Object.isFrozen(completed.result))
    assert.deepEqual({ ...completed }, await handle.status())
    assert.equal(crux.peekFlow(handle.flowId), completed)
  })

  test('an unknown run is undefined until it is started with that id', async (t) => {
    const crux = open(t)
    await crux.ready()
    assert.equal(crux.peekFlow('later'), undefined)
    assert.equal(crux.peekFlow('later'), undefined)
    await crux.flow('later', async (f) => f.suspend('go')).start(undefined, { flowId: 'later' })
    assert.equal(crux.peekFlow('later').flowId, 'later')
    await rejectsWith(() => crux.peekFlow(null), 'INVALID_ARGUMENT')
  })
})

describe('module-level functions use the default instance', () => {
  test('peekPlan, peekPlans, subscribePlans, peekFlow', async (t) => {
    t.after(() => closeDefaultCrux())
    const p = await plan({ title: 'default' })
    assert.equal(peekPlan(p.id), p)
    const heard = []
    const unsubscribe = subscribePlans((plans) => heard.push(plans))
    const updated = await updatePlan(p.id, { title: 'default 2' })
    assert.ok(peekPlans().includes(updated))
    assert.equal(heard.at(-1), peekPlans())
    await deletePlan(p.id)
    unsubscribe()
    assert.equal(peekPlan(p.id), undefined)

    const handle = await flow('default-peek', async (f) => f.step('one', () => 1)).start()
    assert.equal(await resultOf(handle), 1)
    assert.equal(peekFlow(handle.flowId).status, 'completed')
  })
})
