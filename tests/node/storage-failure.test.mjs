// When IndexedDB refuses a commit (a full quota aborts the transaction at commit time; here
// fake-indexeddb's transaction is aborted the same way): the calls in it reject with
// STORAGE_UNAVAILABLE, nothing of them is recorded or announced, what was recorded stays,
// a flow step interrupted this way does not fail its run, and all works once space is back.
import 'fake-indexeddb/auto'
import { test } from 'node:test'
import assert from 'node:assert/strict'

import { createCrux, StorageUnavailableError } from '@crux/core'
import { refuseWrites, until, untilStatus, uniqueName } from './support.mjs'

test('a refused commit is STORAGE_UNAVAILABLE, records and announces nothing, and the next one works', async (t) => {
  const name = uniqueName('quota')
  const crux = createCrux({ name })
  t.after(() => crux.close())
  const p = await crux.plan({ title: 'v1', metadata: { a: 1 } })
  const heard = []
  crux.subscribePlan(p.id, (plan) => heard.push(plan.title))

  const restore = refuseWrites()
  try {
    await assert.rejects(crux.updatePlan(p.id, { title: 'lost', metadata: { b: 2 } }), (error) => {
      assert.ok(error instanceof StorageUnavailableError)
      assert.ok(error.cause, 'the IndexedDB error is kept')
      return true
    })
    await assert.rejects(crux.plan({ title: 'also lost' }), { code: 'STORAGE_UNAVAILABLE' })
  } finally {
    restore()
  }
  assert.deepEqual(await crux.getPlan(p.id), p, 'the plan is as recorded')
  assert.equal(crux.peekPlan(p.id), p)
  assert.equal((await crux.listPlans()).length, 1)

  const updated = await crux.updatePlan(p.id, { title: 'v2', metadata: { b: 2 } })
  assert.equal(updated.version, 2, 'the refused update took no version')
  assert.deepEqual(updated.metadata, { a: 1, b: 2 })
  assert.equal(heard.at(-1), 'v2')
  assert.ok(!heard.includes('lost'), 'subscribers never heard of what was not recorded')
  await crux.close()

  const reopened = createCrux({ name })
  t.after(() => reopened.close())
  assert.equal((await reopened.getPlan(p.id)).version, 2)
  assert.equal((await reopened.listPlans()).length, 1)
})

test('a step whose result cannot be recorded stops its pass without failing the run; the run finishes once space is back', async (t) => {
  const crux = createCrux({ name: uniqueName('quota-flow') })
  t.after(() => crux.close())
  let calls = 0
  let restore
  const def = crux.flow('fragile', async (flow) => {
    const first = await flow.step('first', () => 1)
    const second = await flow.step('second', () => {
      calls++
      if (calls === 1) restore = refuseWrites() // the disk fills while this step runs
      return 2
    })
    return first + second
  })
  const handle = await def.start()
  await until(() => calls === 1, { message: 'the second step to run' })
  await new Promise((resolve) => setTimeout(resolve, 50))
  assert.equal((await handle.status()).status, 'running', 'the run did not fail')
  assert.deepEqual((await handle.history()).map((e) => e.type), ['started', 'step-completed'])

  restore()
  await untilStatus(handle, 'completed')
  assert.equal(await handle.result(), 3)
  assert.equal(calls, 2, 'the step whose result was lost ran again')
  assert.deepEqual((await handle.history()).map((e) => e.type), ['started', 'step-completed', 'step-completed', 'completed'])
})

test('the database deleted under an open instance (site data cleared): it opens a new one and keeps working', async (t) => {
  const name = uniqueName('deleted')
  const crux = createCrux({ name })
  t.after(() => crux.close())
  const before = await crux.plan({ title: 'before' })
  await new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(`/crux/${name}`)
    request.onsuccess = resolve
    request.onerror = () => reject(request.error)
    request.onblocked = () => reject(new Error('the open instance did not give way'))
  })
  assert.equal(await crux.getPlan(before.id), undefined, 'what the database held is gone, in this tab too')
  const after = await crux.plan({ title: 'after' })
  await crux.close()

  const reopened = createCrux({ name })
  t.after(() => reopened.close())
  assert.deepEqual((await reopened.listPlans()).map((p) => p.id), [after.id])
})
