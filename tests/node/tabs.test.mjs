// Several instances with one name in one process share one (fake-indexeddb) database, as the
// tabs of an origin do: nothing one writes is lost to another, a signal from an instance
// without the flow resumes it once, and subscribers hear of the other instances' changes.
import 'fake-indexeddb/auto'
import { test } from 'node:test'
import assert from 'node:assert/strict'

import { createCrux } from '@crux/core'
import { until, untilStatus, uniqueName } from './support.mjs'

function tabs(t, name, count) {
  const opened = Array.from({ length: count }, () => createCrux({ name }))
  t.after(() => Promise.all(opened.map((crux) => crux.close())))
  return opened
}

test('two instances interleave 200 metadata updates of one plan and create plans: nothing is lost', async (t) => {
  const name = uniqueName('tabs-plans')
  const [a, b] = tabs(t, name, 2)
  const shared = await a.plan({ title: 'shared', metadata: {} })
  const writes = []
  for (let i = 0; i < 200; i++) {
    const tab = i % 2 === 0 ? a : b
    writes.push(tab.updatePlan(shared.id, { metadata: { [`k${i}`]: i, last: i % 2 === 0 ? 'a' : 'b' } }))
    if (i % 20 === 0) writes.push(tab.plan({ title: `made ${i}` }))
  }
  await Promise.all(writes)

  const [third] = tabs(t, name, 1)
  for (const tab of [a, b, third]) {
    const plan = await tab.getPlan(shared.id)
    assert.equal(plan.version, 201)
    assert.equal(Object.keys(plan.metadata).length, 201)
    assert.equal(plan.metadata.k199, 199)
    assert.equal((await tab.listPlans()).length, 11)
  }
})

test('a subscriber in one instance hears the changes made in another, in order, up to the last', async (t) => {
  const name = uniqueName('tabs-subscribe')
  const [writer, reader] = tabs(t, name, 2)
  const p = await writer.plan({ title: 'v1' })
  await reader.getPlan(p.id)
  const heard = []
  reader.subscribePlan(p.id, (plan) => heard.push(plan?.version))
  for (let i = 2; i <= 30; i++) await writer.updatePlan(p.id, { title: `v${i}` })
  await until(() => heard.at(-1) === 30, { message: 'the last update heard' })
  // Each version heard is newer than the last; versions written while this tab had not read yet
  // arrive as the newest of them (a store holds a plan as it is now, not every version).
  assert.ok(heard.every((version, i) => i === 0 || version > heard[i - 1]), `in order: ${heard}`)
  assert.ok(heard.length >= 2, 'changes arrive while the writer works, not only at the end')
  assert.equal(reader.peekPlan(p.id).title, 'v30')
})

test('two instances have the flow, a third without it approves: the step after the approval runs once', async (t) => {
  const name = uniqueName('tabs-approve')
  const [one, two, approver] = tabs(t, name, 3)
  let executed = 0
  const define = (crux) =>
    crux.flow('approval', async (flow) => {
      const draft = await flow.step('draft', () => 'plan')
      const { ok } = await flow.suspend('approve', { schema: { type: 'object', required: ['ok'] } })
      return flow.step('execute', () => {
        executed++
        return { draft, ok }
      })
    })
  const def = define(one)
  define(two)
  const handle = await def.start({})
  await untilStatus(handle, 'suspended', 'approve')

  await assert.rejects(approver.signalFlow(handle.flowId, 'approve', { nope: 1 }), { code: 'SIGNAL_INVALID' })
  await approver.signalFlow(handle.flowId, 'approve', { ok: true })
  assert.deepEqual(await approver.getFlow(handle.flowId).result(), { draft: 'plan', ok: true })
  await new Promise((resolve) => setTimeout(resolve, 50)) // a late second pass would show here
  assert.equal(executed, 1)
  const history = await two.getFlow(handle.flowId).history()
  assert.equal(history.filter((e) => e.type === 'step-completed' && e.name === 'execute').length, 1)
})
