// Objects come back with their keys in the order they were written, as JSON.parse and every JS
// store keep them: plan metadata (merge patches append new keys), step results, signal payloads,
// flow inputs and history data (with the fields the engine writes), also after a reload. (deepEqual ignores key order, so these
// tests compare JSON.stringify texts.)
import 'fake-indexeddb/auto'
import { test } from 'node:test'
import assert from 'node:assert/strict'

import { createCrux } from '@crux/core'

import { resultOf, uniqueName, untilStatus } from './support.mjs'

const order = (value) => JSON.stringify(value)
const METADATA = { status: 'draft', flowId: 'x', b: 1, a: 2, nested: { z: 1, y: { q: 1, p: 2 } } }

test('plan metadata keeps its key order through plan, getPlan, listPlans, peekPlan, updatePlan and a reload', async (t) => {
  const name = uniqueName('key-order')
  const first = createCrux({ name })
  const created = await first.plan({ title: 'T', metadata: METADATA })
  assert.equal(order(created.metadata), order(METADATA))
  assert.equal(order((await first.getPlan(created.id)).metadata), order(METADATA))
  assert.equal(order((await first.listPlans())[0].metadata), order(METADATA))
  assert.equal(order(first.peekPlan(created.id).metadata), order(METADATA))

  // New keys go after the existing ones, in the patch's order; changed keys keep their place.
  const updated = await first.updatePlan(created.id, { metadata: { zeta: 1, alpha: 2, b: 10 } })
  const expected = { status: 'draft', flowId: 'x', b: 10, a: 2, nested: METADATA.nested, zeta: 1, alpha: 2 }
  assert.deepEqual(Object.keys(updated.metadata), ['status', 'flowId', 'b', 'a', 'nested', 'zeta', 'alpha'])
  assert.equal(order(updated.metadata), order(expected))
  // A deleted key that is set again goes last, as in a JS object.
  const readded = await first.updatePlan(created.id, { metadata: { status: null } })
  const again = await first.updatePlan(created.id, { metadata: { status: 'approved' } })
  assert.deepEqual(Object.keys(readded.metadata), ['flowId', 'b', 'a', 'nested', 'zeta', 'alpha'])
  assert.deepEqual(Object.keys(again.metadata), ['flowId', 'b', 'a', 'nested', 'zeta', 'alpha', 'status'])
  await first.close()

  const second = createCrux({ name })
  t.after(() => second.close())
  const reloaded = await second.getPlan(created.id)
  assert.equal(order(reloaded.metadata), order(again.metadata))
  assert.equal(order((await second.listPlans())[0].metadata), order(again.metadata))
  assert.equal(order(second.peekPlan(created.id).metadata), order(again.metadata))
})

test('flow input, step results, signal payloads, results and history data keep their key order, also replayed after a reload', async (t) => {
  const name = uniqueName('key-order-flow')
  const input = { zInput: 1, aInput: { y: 2, b: 3 } }
  const stepResult = { zStep: 1, mStep: [{ y: 1, b: 2 }], aStep: 3 }
  const payload = { zSignal: true, aSignal: { y: 1, b: 2 } }
  // The engine parses a wait's schema to validate the payload; the payload stays as sent.
  const schema = { type: 'object', required: ['zSignal'], properties: { zSignal: { type: 'boolean' }, aSignal: { type: 'object' } } }
  const body = async (flow) => {
    const fromStep = await flow.step('make', () => stepResult)
    const signal = await flow.suspend('go', { schema, timeout: '1h' })
    return { zResult: flow.input, mResult: fromStep, aResult: signal }
  }

  const first = createCrux({ name })
  const handle = await first.flow('ordered', body).start(input)
  await untilStatus(handle, 'suspended', 'go')
  await first.close()

  // Replayed from the store: the step result comes back as recorded, in its order.
  const second = createCrux({ name })
  t.after(() => second.close())
  second.flow('ordered', body)
  const resumed = second.getFlow(handle.flowId)
  await resumed.signal('go', payload)
  const result = await resultOf(resumed)
  assert.equal(order(result), order({ zResult: input, mResult: stepResult, aResult: payload }))

  const data = Object.fromEntries((await resumed.history()).map((event) => [event.type, event.data]))
  assert.equal(order(data['step-completed']), order(stepResult), 'step-completed data')
  // Fields the engine writes come in the order it writes them (sorted before: deadline, wait).
  assert.deepEqual(Object.keys(data.suspended), ['wait', 'deadline'], 'suspended data')
  assert.equal(order(data.signaled), order(payload), 'signaled data')
  assert.equal(order(data.resumed), order(payload), 'resumed data')
  assert.equal(order(data.completed), order(result), 'completed data')
  assert.ok(order(data.started).includes(order(input)), `started data ${order(data.started)} holds the input in order`)
})
