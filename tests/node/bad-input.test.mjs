// Bad input of every kind through the JS API: each gets the right CruxError code, and the
// module keeps working afterwards (every bad call is followed by good calls on the same,
// default, instance). Ends with a full "Plan with approval" run on that instance.
import 'fake-indexeddb/auto'
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { z } from 'zod'

import {
  createCrux,
  closeDefaultCrux,
  CruxError,
  FlowClosedError,
  FlowNotFoundError,
  InvalidArgumentError,
  NotSerializableError,
  PayloadTooLargeError,
  PlanNotFoundError,
  StorageUnavailableError,
} from '@crux/core'
import { flow, signalFlow, getFlow, listFlows } from '@crux/core/flow'
import { plan, updatePlan, getPlan, listPlans, deletePlan, subscribePlan } from '@crux/core/plan'

import { callCounter, rejectsWith, resultOf, settle, uniqueName, untilStatus } from './support.mjs'

const FIVE_MB = 'x'.repeat(5 * 1024 * 1024)

// ---- good calls, run after every bad one ----

const echo = flow('bad-input-echo', async (flow) => flow.step('echo', () => flow.input))
let good = 0

/** Plans and flows on the default instance still work. */
async function stillWorks() {
  good += 1
  const p = await plan({ title: `ok ${good}`, content: 'fine', metadata: { n: good } })
  assert.equal((await getPlan(p.id)).title, `ok ${good}`)
  const updated = await updatePlan(p.id, { metadata: { checked: true } })
  assert.deepEqual(updated.metadata, { n: good, checked: true })
  assert.equal(updated.version, 2)
  const handle = await echo.start({ n: good })
  assert.deepEqual(await resultOf(handle), { n: good })
}

/** A run suspended on 'go' (schema: { ok: boolean }, required, nothing else). */
const waiter = flow('bad-input-waiter', async (flow) => {
  const payload = await flow.suspend('go', {
    schema: { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'], additionalProperties: false },
  })
  return payload
})

async function startWaiting() {
  const handle = await waiter.start()
  await untilStatus(handle, 'suspended', 'go')
  return handle
}

/** Checks that a bad call fails with `code` and that everything still works after it. */
async function expectBad(call, code, ErrorClass) {
  const error = await rejectsWith(call, code, ErrorClass)
  assert.ok(error instanceof CruxError)
  assert.equal(typeof error.message, 'string')
  assert.ok(error.message.length > 0)
  await stillWorks()
  return error
}

let existingPlan
let waiting

before(async () => {
  existingPlan = await plan({ title: 'existing', content: 'body', metadata: { keep: 1 } })
  waiting = await startWaiting()
})

after(() => closeDefaultCrux())

describe('wrong types → INVALID_ARGUMENT', () => {
  const fn = async () => 1
  const cases = [
    ['flow(123, fn)', () => flow(123, fn)],
    ["flow('x', 'notfn')", () => flow('x', 'notfn')],
    ['flow(undefined, fn)', () => flow(undefined, fn)],
    ["flow('x', {})", () => flow('x', {})],
    ["flow('', fn).start()", () => flow('', fn).start()],
    ["flow('x'.repeat(300), fn).start()", () => flow('x'.repeat(300), fn).start()],
    ["def.start(input, 'options')", () => echo.start(1, 'options')],
    ['def.start(input, null)', () => echo.start(1, null)],
    ['def.start(input, { flowId: 5 })', () => echo.start(1, { flowId: 5 })],
    ["def.start(input, { flowId: '' })", () => echo.start(1, { flowId: '' })],
    ['def.start(input, { flowId: 300 chars })', () => echo.start(1, { flowId: 'f'.repeat(300) })],
    ["signalFlow(42, 'go', {})", () => signalFlow(42, 'go', { ok: true })],
    ['signalFlow(id, 42, {})', () => signalFlow(waiting.flowId, 42, { ok: true })],
    ["signalFlow(id, '', {})", () => signalFlow(waiting.flowId, '', { ok: true })],
    ['signalFlow(undefined, undefined)', () => signalFlow()],
    ['handle.signal(null, {})', () => waiting.signal(null, { ok: true })],
    ['getFlow({})', () => getFlow({})],
    ['getFlow(undefined)', () => getFlow(undefined)],
    ['getFlow(null)', () => getFlow(null)],
    ['getFlow(7)', () => getFlow(7)],
    ["listFlows('suspended')", () => listFlows('suspended')],
    ["listFlows({ status: 'sleeping' })", () => listFlows({ status: 'sleeping' })],
    ['listFlows({ name: 5 })', () => listFlows({ name: 5 })],
    ['listFlows({ colour: "red" })', () => listFlows({ colour: 'red' })],
    ['plan()', () => plan()],
    ['plan(null)', () => plan(null)],
    ["plan('title')", () => plan('title')],
    ['plan([])', () => plan([])],
    ['plan({ title: 5 })', () => plan({ title: 5, content: 'c' })],
    ['plan({ content: 5 })', () => plan({ title: 't', content: 5 })],
    ['plan({ content: { rich: true } })', () => plan({ title: 't', content: { rich: true } })],
    ["plan({ metadata: 'draft' })", () => plan({ title: 't', metadata: 'draft' })],
    ['plan({ metadata: [1] })', () => plan({ title: 't', metadata: [1] })],
    ['plan({ bogus: 1 })', () => plan({ title: 't', bogus: 1 })],
    ['plan({ metadata: nested 2000 deep })', () => plan({ title: 't', metadata: nested(2000) })],
    ['updatePlan(5, {})', () => updatePlan(5, {})],
    ["updatePlan(id, 'changes')", () => updatePlan(existingPlan.id, 'changes')],
    ['updatePlan(id, null)', () => updatePlan(existingPlan.id, null)],
    ['updatePlan(id, { title: 5 })', () => updatePlan(existingPlan.id, { title: 5 })],
    ['updatePlan(id, { content: [] })', () => updatePlan(existingPlan.id, { content: [] })],
    ['updatePlan(id, { metadata: null })', () => updatePlan(existingPlan.id, { metadata: null })],
    ["updatePlan(id, { metadata: ['c'] })", () => updatePlan(existingPlan.id, { metadata: ['c'] })],
    ["updatePlan(id, { metadata: 'bar' })", () => updatePlan(existingPlan.id, { metadata: 'bar' })],
    ['updatePlan(id, { id: "other" })', () => updatePlan(existingPlan.id, { id: 'other' })],
    ["updatePlan(id, {}, 'options')", () => updatePlan(existingPlan.id, {}, 'options')],
    ["updatePlan(id, {}, { ifVersion: '1' })", () => updatePlan(existingPlan.id, {}, { ifVersion: '1' })],
    ['updatePlan(id, {}, { ifVersion: 1.5 })', () => updatePlan(existingPlan.id, {}, { ifVersion: 1.5 })],
    ['getPlan(5)', () => getPlan(5)],
    ['getPlan(undefined)', () => getPlan(undefined)],
    ['deletePlan({})', () => deletePlan({})],
    ['subscribePlan(5, fn)', () => subscribePlan(5, () => {})],
    ["subscribePlan(id, 'notfn')", () => subscribePlan(existingPlan.id, 'notfn')],
    ['handle.cancel(5)', () => waiting.cancel(5)],
  ]
  for (const [label, call] of cases) {
    test(label, async () => {
      await expectBad(call, 'INVALID_ARGUMENT', InvalidArgumentError)
    })
  }

  test('the plan and the waiting run were left untouched by all of that', async () => {
    const p = await getPlan(existingPlan.id)
    assert.equal(p, existingPlan)
    assert.equal(p.version, 1)
    const status = await waiting.status()
    assert.equal(status.status, 'suspended')
    assert.equal(status.waitingFor, 'go')
    assert.deepEqual((await waiting.history()).map((e) => e.type), ['started', 'suspended'])
  })

  test('wrong types inside a flow body: the body sees INVALID_ARGUMENT and can go on', async () => {
    let seen
    const def = flow('bad-input-body-types', async (flow) => {
      seen = []
      const attempts = [
        () => flow.step(5, () => 1),
        () => flow.step('s', 'notfn'),
        () => flow.step('s', () => 1, 'options'),
        () => flow.step('s', () => 1, { retries: -1 }),
        () => flow.step('s', () => 1, { retries: 1.5 }),
        () => flow.step('s', () => 1, { retries: 1001 }),
        () => flow.step('s', () => 1, { backoff: 'soon' }),
        () => flow.suspend(5),
        () => flow.suspend('w', 'options'),
        () => flow.suspend('w', null),
        () => flow.suspend('w', { schema: 'string' }),
        () => flow.suspend('w', { schema: [1] }),
        () => flow.sleep(5, '1s'),
      ]
      for (const attempt of attempts) {
        try {
          await attempt()
          seen.push('no error')
        } catch (error) {
          seen.push(error instanceof InvalidArgumentError ? error.code : `${error.name}: ${error.message}`)
        }
      }
      return flow.step('s', () => 'fine after all')
    })
    const handle = await def.start()
    assert.equal(await resultOf(handle), 'fine after all')
    assert.deepEqual(seen, Array(13).fill('INVALID_ARGUMENT'))
    assert.deepEqual((await handle.history()).map((e) => [e.type, e.name ?? null]), [
      ['started', 'bad-input-body-types'],
      ['step-completed', 's'],
      ['completed', null],
    ])
    await stillWorks()
  })
})

describe('unknown ids and closed runs', () => {
  test("getFlow('nope') returns a handle at once; its methods fail with FLOW_NOT_FOUND", async () => {
    const handle = getFlow('nope')
    assert.equal(handle.flowId, 'nope')
    await expectBad(() => handle.status(), 'FLOW_NOT_FOUND', FlowNotFoundError)
    await expectBad(() => handle.result(), 'FLOW_NOT_FOUND', FlowNotFoundError)
    await expectBad(() => handle.history(), 'FLOW_NOT_FOUND', FlowNotFoundError)
    await expectBad(() => handle.cancel(), 'FLOW_NOT_FOUND', FlowNotFoundError)
    await expectBad(() => handle.signal('go', {}), 'FLOW_NOT_FOUND', FlowNotFoundError)
  })

  test("signalFlow('nope', ...) → FLOW_NOT_FOUND", async () => {
    await expectBad(() => signalFlow('nope', 'go', { ok: true }), 'FLOW_NOT_FOUND', FlowNotFoundError)
  })

  test("updatePlan('nope', {}) and deletePlan('nope') → PLAN_NOT_FOUND; getPlan('nope') → undefined", async () => {
    await expectBad(() => updatePlan('nope', {}), 'PLAN_NOT_FOUND', PlanNotFoundError)
    await expectBad(() => updatePlan('nope', { title: 'x' }, { ifVersion: 1 }), 'PLAN_NOT_FOUND', PlanNotFoundError)
    await expectBad(() => deletePlan('nope'), 'PLAN_NOT_FOUND', PlanNotFoundError)
    assert.equal(await getPlan('nope'), undefined)
  })

  test('signal, cancel and result on completed and cancelled runs → FLOW_CLOSED', async () => {
    const done = await echo.start('x')
    assert.equal(await resultOf(done), 'x')
    await expectBad(() => done.signal('go', {}), 'FLOW_CLOSED', FlowClosedError)
    await expectBad(() => done.cancel(), 'FLOW_CLOSED', FlowClosedError)

    const cancelled = await startWaiting()
    await cancelled.cancel('no longer needed')
    await expectBad(() => cancelled.signal('go', { ok: true }), 'FLOW_CLOSED', FlowClosedError)
    await expectBad(() => cancelled.result(), 'FLOW_CLOSED', FlowClosedError)
    await expectBad(() => cancelled.cancel(), 'FLOW_CLOSED', FlowClosedError)
    assert.equal((await cancelled.status()).status, 'cancelled')
  })

  test('a payload the schema rejects → SIGNAL_INVALID, nothing recorded', async () => {
    const before = await waiting.history()
    const error = await expectBad(() => signalFlow(waiting.flowId, 'go', { ok: 'yes', extra: 1 }), 'SIGNAL_INVALID')
    assert.match(error.message, /\/ok/)
    assert.match(error.message, /\/extra/)
    await expectBad(() => signalFlow(waiting.flowId, 'go', []), 'SIGNAL_INVALID')
    assert.deepEqual(await waiting.history(), before)
  })
})

describe('values that are not JSON → NOT_SERIALIZABLE', () => {
  const makers = {
    'a function': () => () => 1,
    'a BigInt': () => 10n,
    'a cycle': () => {
      const node = { name: 'loop' }
      node.self = node
      return node
    },
    'a Map': () => new Map([['k', 1]]),
    'a Set inside an object': () => ({ tags: new Set(['a']) }),
    'a symbol': () => Symbol('s'),
    NaN: () => NaN,
    'Infinity deep inside': () => ({ a: [1, { b: Infinity }] }),
    'a class instance': () => new (class Point {})(),
  }

  const stepper = flow('bad-input-step-result', async (flow) => {
    await flow.step('produce', () => makers[flow.input]())
    return 'unreachable'
  })

  for (const kind of Object.keys(makers)) {
    test(`a step returning ${kind}: the run fails with NOT_SERIALIZABLE via result()`, async () => {
      const handle = await stepper.start(kind)
      const error = await expectBad(() => resultOf(handle), 'NOT_SERIALIZABLE', NotSerializableError)
      assert.match(error.message, /produce/)
      const status = await handle.status()
      assert.equal(status.status, 'failed')
      assert.equal(status.error.code, 'NOT_SERIALIZABLE')
      const types = (await handle.history()).map((e) => e.type)
      assert.equal(types.includes('step-completed'), false)
      assert.equal(types.at(-1), 'failed')
    })
  }

  test('the body returning a value that is not JSON fails the run with NOT_SERIALIZABLE', async () => {
    const def = flow('bad-input-return', async () => ({ when: new Map() }))
    const handle = await def.start()
    await expectBad(() => resultOf(handle), 'NOT_SERIALIZABLE', NotSerializableError)
  })

  test('a body may catch NOT_SERIALIZABLE from a step and go on', async () => {
    const calls = callCounter()
    const def = flow('bad-input-catch', async (flow) => {
      let code
      try {
        await flow.step('bad', () => {
          calls.hit('bad')
          return 1n
        })
      } catch (error) {
        code = error.code
      }
      const next = await flow.step('good', () => 'ok')
      return { code, next }
    })
    const handle = await def.start()
    assert.deepEqual(await resultOf(handle), { code: 'NOT_SERIALIZABLE', next: 'ok' })
    assert.equal(calls.get('bad'), 1)
    await stillWorks()
  })

  for (const [kind, make] of Object.entries(makers)) {
    test(`a signal payload that is ${kind} → NOT_SERIALIZABLE, nothing recorded`, async () => {
      const before = await waiting.history()
      await expectBad(() => signalFlow(waiting.flowId, 'go', make()), 'NOT_SERIALIZABLE', NotSerializableError)
      assert.deepEqual(await waiting.history(), before)
      assert.equal((await waiting.status()).status, 'suspended')
    })
  }

  test('a flow input that is not JSON → NOT_SERIALIZABLE and no run is created', async () => {
    const count = (await listFlows({ name: 'bad-input-echo' })).length
    await expectBad(() => echo.start({ at: makers['a cycle']() }), 'NOT_SERIALIZABLE', NotSerializableError)
    await expectBad(() => echo.start(() => 1), 'NOT_SERIALIZABLE', NotSerializableError)
    assert.equal((await listFlows({ name: 'bad-input-echo' })).length, count + 2, 'only the two runs of stillWorks() were added')
  })

  test('plan fields that are not JSON → NOT_SERIALIZABLE, the plan is unchanged', async () => {
    const count = (await listPlans()).length
    await expectBad(() => plan({ title: 't', metadata: { m: new Map() } }), 'NOT_SERIALIZABLE', NotSerializableError)
    await expectBad(() => plan({ title: 't', metadata: { n: 1n } }), 'NOT_SERIALIZABLE', NotSerializableError)
    await expectBad(() => plan({ title: 't', metadata: makers['a cycle']() }), 'NOT_SERIALIZABLE', NotSerializableError)
    await expectBad(() => updatePlan(existingPlan.id, { metadata: { f() {} } }), 'NOT_SERIALIZABLE', NotSerializableError)
    await expectBad(() => updatePlan(existingPlan.id, { content: Symbol('c') }), 'NOT_SERIALIZABLE', NotSerializableError)
    assert.equal(await getPlan(existingPlan.id), existingPlan)
    assert.equal((await listPlans()).length, count + 5, 'only the plans of stillWorks() were added')
  })

  test('a cancel reason or step options that are not JSON → NOT_SERIALIZABLE', async () => {
    await expectBad(() => waiting.cancel(10n), 'NOT_SERIALIZABLE', NotSerializableError)
    assert.equal((await waiting.status()).status, 'suspended')
    const def = flow('bad-input-step-options', async (flow) => {
      try {
        await flow.step('s', () => 1, { retries: 1n })
        return 'no error'
      } catch (error) {
        return error.code
      }
    })
    assert.equal(await resultOf(await def.start()), 'NOT_SERIALIZABLE')
    await stillWorks()
  })
})

describe('malformed schemas and durations', () => {
  test('a malformed JSON Schema in suspend: the body sees INVALID_ARGUMENT, nothing is recorded', async () => {
    const schemas = [
      { type: 5 },
      { type: 'nonsense' },
      { type: 'object', properties: 5 },
      { minimum: 'a' },
      { required: 'x' },
      { pattern: '(' },
      { $ref: '#/definitions/missing' },
      { enum: 5 },
      { additionalProperties: 5 },
      { type: 'object', properties: { nested: { type: ['string', 7] } } },
    ]
    let seen
    const def = flow('bad-input-schemas', async (flow) => {
      seen = [] // the body runs again (replay) once the signal comes
      for (const schema of schemas) {
        try {
          await flow.suspend('approval', { schema })
          seen.push('suspended')
        } catch (error) {
          seen.push(error.code)
        }
      }
      return flow.suspend('approval', { schema: z.object({ ok: z.literal(true) }) })
    })
    const handle = await def.start()
    await untilStatus(handle, 'suspended', 'approval')
    assert.deepEqual(seen, Array(schemas.length).fill('INVALID_ARGUMENT'))
    assert.deepEqual((await handle.history()).map((e) => e.type), ['started', 'suspended'])
    await expectBad(() => handle.signal('approval', { ok: false }), 'SIGNAL_INVALID')
    await handle.signal('approval', { ok: true })
    assert.deepEqual(await resultOf(handle), { ok: true })
    await stillWorks()
  })

  test("bad durations ('5 minutes', '30m1h', -1, …) → INVALID_ARGUMENT in suspend, sleep and backoff", async () => {
    // ({} is a valid backoff: the object form { initial, factor, max } with its defaults)
    const durations = ['5 minutes', '1h 30m', '30m1h', 'abc', '', '5x', 'm', '1H', ' 5m', '5m ', '10', -1, 1.5, [], true, null, {}]
    let seen
    const def = flow('bad-input-durations', async (flow) => {
      seen = { suspend: [], sleep: [], backoff: [] } // the body runs again (replay) after the sleep
      for (const duration of durations) {
        const attempts = [
          ['suspend', () => flow.suspend('w', { timeout: duration })],
          ['sleep', () => flow.sleep('nap', duration)],
        ]
        if (!isPlainEmptyObject(duration)) attempts.push(['backoff', () => flow.step('s', () => 1, { retries: 1, backoff: duration })])
        for (const [kind, attempt] of attempts) {
          try {
            await attempt()
            seen[kind].push(`accepted ${JSON.stringify(duration)}`)
          } catch (error) {
            seen[kind].push(error.code)
          }
        }
      }
      await flow.sleep('nap', '10ms') // a good one, for real
      return 'woke up'
    })
    const handle = await def.start()
    assert.equal(await resultOf(handle), 'woke up')
    const expected = Array(durations.length).fill('INVALID_ARGUMENT')
    assert.deepEqual(seen, { suspend: expected, sleep: expected, backoff: expected.slice(1) })
    assert.deepEqual((await handle.history()).map((e) => e.type), ['started', 'suspended', 'resumed', 'completed'])
    await stillWorks()
  })
})

describe('oversized payloads → PAYLOAD_TOO_LARGE', () => {
  test('a 5 MB signal payload is refused and nothing is recorded', async () => {
    const handle = await flow('bad-input-big-signal', async (flow) => flow.suspend('note')).start()
    await untilStatus(handle, 'suspended', 'note')
    const before = await handle.history()
    await expectBad(() => handle.signal('note', { text: FIVE_MB }), 'PAYLOAD_TOO_LARGE', PayloadTooLargeError)
    await expectBad(() => signalFlow(handle.flowId, 'note', FIVE_MB), 'PAYLOAD_TOO_LARGE', PayloadTooLargeError)
    assert.deepEqual(await handle.history(), before)
    await handle.signal('note', 'small')
    assert.equal(await resultOf(handle), 'small')
  })

  test('5 MB plan content or metadata is refused; the plan is unchanged', async () => {
    const count = (await listPlans()).length
    await expectBad(() => plan({ title: 'big', content: FIVE_MB }), 'PAYLOAD_TOO_LARGE', PayloadTooLargeError)
    await expectBad(() => plan({ title: 'big', metadata: { blob: FIVE_MB } }), 'PAYLOAD_TOO_LARGE', PayloadTooLargeError)
    await expectBad(() => updatePlan(existingPlan.id, { content: FIVE_MB }), 'PAYLOAD_TOO_LARGE', PayloadTooLargeError)
    await expectBad(() => updatePlan(existingPlan.id, { metadata: { blob: FIVE_MB } }), 'PAYLOAD_TOO_LARGE', PayloadTooLargeError)
    assert.equal(await getPlan(existingPlan.id), existingPlan)
    assert.equal((await listPlans()).length, count + 4, 'only the plans of stillWorks() were added')
  })

  test('a 5 MB flow input is refused and no run is created', async () => {
    const count = (await listFlows({ name: 'bad-input-echo' })).length
    await expectBad(() => echo.start(FIVE_MB), 'PAYLOAD_TOO_LARGE', PayloadTooLargeError)
    assert.equal((await listFlows({ name: 'bad-input-echo' })).length, count + 1, 'only the run of stillWorks() was added')
  })

  test('a 5 MB step result or flow result fails the run with PAYLOAD_TOO_LARGE', async () => {
    const step = await flow('bad-input-big-step', async (flow) => {
      await flow.step('huge', () => FIVE_MB)
      return 'unreachable'
    }).start()
    await expectBad(() => resultOf(step), 'PAYLOAD_TOO_LARGE', PayloadTooLargeError)
    assert.equal((await step.status()).status, 'failed')
    assert.equal((await step.history()).some((e) => e.type === 'step-completed'), false)

    const returned = await flow('bad-input-big-return', async () => ({ report: FIVE_MB })).start()
    await expectBad(() => resultOf(returned), 'PAYLOAD_TOO_LARGE', PayloadTooLargeError)
    assert.equal((await returned.status()).status, 'failed')
  })

  test('a payload of 1 MB, under the limit, is fine', async () => {
    const oneMb = 'y'.repeat(1024 * 1024)
    const p = await plan({ title: 'one megabyte', content: oneMb })
    assert.equal((await getPlan(p.id)).content.length, oneMb.length)
    const handle = await flow('bad-input-1mb', async (flow) => flow.step('s', () => flow.input.length)).start(oneMb)
    assert.equal(await resultOf(handle), oneMb.length)
    await deletePlan(p.id)
    await stillWorks()
  })
})

describe('createCrux with bad options → INVALID_ARGUMENT', () => {
  const cases = [
    ["{ name: '' }", { name: '' }],
    ["{ name: 'a/b' }", { name: 'a/b' }],
    ["{ name: 'has space' }", { name: 'has space' }],
    ['{ name: 5 }', { name: 5 }],
    ['{ name: 201 chars }', { name: 'n'.repeat(201) }],
    ["{ storage: 'disk' }", { storage: 'disk' }],
    ['{ storage: 5 }', { storage: 5 }],
    ["{ now: 'x' }", { now: 'x' }],
    ["{ fetch: 'x' }", { fetch: 'x' }],
    ["{ persist: 'yes' }", { persist: 'yes' }],
    ['null', null],
    ["'my-app' (a name instead of options)", 'my-app'],
  ]
  for (const [label, options] of cases) {
    test(`createCrux(${label})`, async () => {
      await expectBad(() => createCrux(options), 'INVALID_ARGUMENT', InvalidArgumentError)
    })
  }

  test('a now() that does not return a number: calls fail with INVALID_ARGUMENT', async () => {
    const crux = createCrux({ name: uniqueName('bad-clock'), storage: 'memory', now: () => 'soon' })
    await expectBad(() => crux.getPlan('x'), 'INVALID_ARGUMENT', InvalidArgumentError)
    await crux.close()
  })

  test('a closed instance refuses calls with STORAGE_UNAVAILABLE; a new one with the same name works', async () => {
    const name = uniqueName('closed')
    const crux = createCrux({ name })
    const p = await crux.plan({ title: 'before close' })
    await crux.close()
    await expectBad(() => crux.getPlan(p.id), 'STORAGE_UNAVAILABLE', StorageUnavailableError)
    await expectBad(() => crux.plan({ title: 'after close' }), 'STORAGE_UNAVAILABLE', StorageUnavailableError)
    await expectBad(() => crux.flow('late', async () => 1).start(), 'STORAGE_UNAVAILABLE', StorageUnavailableError)
    const again = createCrux({ name })
    assert.equal((await again.getPlan(p.id))?.title, 'before close')
    await again.close()
  })

  test('good options work', async () => {
    const crux = createCrux({ name: uniqueName('good'), storage: 'memory', now: () => 1_000 })
    const p = await crux.plan({ title: 'memory' })
    assert.equal(p.createdAt, 1_000)
    const handle = await crux.flow('f', async (flow) => flow.input + 1).start(41)
    assert.equal(await resultOf(handle), 42)
    await crux.close()
  })
})

// ---- the recipe, on the instance that took every bad call above ----

const calls = callCounter()
const openai = (id) => ({ id })
const planPrompt = 'Plan: {{brief}}'
const executePrompt = 'Execute: {{plan}} / {{revisions}}'
async function generate(prompt, { model, input }) {
  calls.hit(prompt)
  const text = prompt === planPrompt ? `plan for ${input.brief}` : `executed ${input.plan} with ${input.revisions ?? 'no revisions'}`
  return { text, usage: { inputTokens: 1, outputTokens: 1 }, finishReason: 'stop', model: model.id }
}

const writerFlow = flow('writer-flow', async (flow) => {
  const planContent = await flow.step('draft-plan', async () => {
    const result = await generate(planPrompt, { model: openai('gpt-4o'), input: { brief: flow.input.brief } })
    return result.text
  })
  const planHandle = await flow.step('persist-plan', async () => {
    const p = await plan({ title: flow.input.title, content: planContent, metadata: { status: 'draft', flowId: flow.flowId } })
    return { planId: p.id }
  })
  const approval = await flow.suspend('await-approval', {
    schema: z.object({ approved: z.boolean(), revisions: z.string().optional() }),
    timeout: '7d',
  })
  if (!approval.approved) {
    return { status: 'rejected', planId: planHandle.planId }
  }
  return flow.step('execute', async () => {
    return generate(executePrompt, { model: openai('gpt-4o'), input: { plan: planContent, revisions: approval.revisions } })
  })
})

async function approvePlan(planId, flowId, revisions) {
  await updatePlan(planId, { metadata: { status: 'approved' } })
  await signalFlow(flowId, 'await-approval', { approved: true, revisions })
}

describe('after all of that', () => {
  test('a full "Plan with approval" run on the same instance works', async () => {
    await settle()
    calls.reset()
    const handle = await writerFlow.start({ brief: 'robustness', title: 'Still standing' })
    await untilStatus(handle, 'suspended', 'await-approval')
    const [draft] = (await listPlans()).filter((p) => p.metadata.flowId === handle.flowId)
    assert.equal(draft.title, 'Still standing')
    assert.equal(draft.content, 'plan for robustness')
    assert.deepEqual(draft.metadata, { status: 'draft', flowId: handle.flowId })

    await rejectsWith(() => signalFlow(handle.flowId, 'await-approval', { approved: 'sure' }), 'SIGNAL_INVALID')
    await approvePlan(draft.id, handle.flowId, 'tighten it')
    assert.deepEqual(await resultOf(getFlow(handle.flowId)), {
      text: 'executed plan for robustness with tighten it',
      usage: { inputTokens: 1, outputTokens: 1 },
      finishReason: 'stop',
      model: 'gpt-4o',
    })
    assert.deepEqual((await getPlan(draft.id)).metadata, { status: 'approved', flowId: handle.flowId })
    assert.equal(calls.get(planPrompt), 1)
    assert.equal(calls.get(executePrompt), 1)
    assert.deepEqual((await handle.history()).map((e) => e.type), [
      'started', 'step-completed', 'step-completed', 'suspended', 'signaled', 'resumed', 'step-completed', 'completed',
    ])

    // the run that waited through every bad call still takes its signal
    await waiting.signal('go', { ok: true })
    assert.deepEqual(await resultOf(waiting), { ok: true })
  })
})

function nested(depth) {
  const root = {}
  let node = root
  for (let i = 0; i < depth; i++) node = node.child = {}
  return root
}

function isPlainEmptyObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0
}
