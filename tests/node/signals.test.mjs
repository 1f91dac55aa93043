// Signals a sender can trust, on the real WASM build: signalFlow answers what became of the
// signal (delivered or buffered, and what the run waits for), `buffer: false` refuses rather than
// buffer, a payload rejected on resume never fails the run (it is recorded and the wait goes on),
// and a deadline that is due is applied before a signal is recorded.
import 'fake-indexeddb/auto'
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { z } from 'zod'

import { createCrux, SignalInvalidError, SuspendTimeoutError } from '@crux/core'

import { historyTypes, manualClock, rejectsWith, resultOf, settle, uniqueName, until, untilStatus } from './support.mjs'

function open(t, options = {}) {
  const crux = createCrux({ name: uniqueName('signals'), ...options })
  t.after(() => crux.close())
  return crux
}

/** A second instance on the same database without the flow's definition: it only sends. */
function sender(t, crux, options = {}) {
  const other = createCrux({ name: crux.name, ...options })
  t.after(() => other.close())
  return other
}

const approval = z.object({ approved: z.boolean() })

describe('what a signal answers', () => {
  test('a misspelled wait name resolves as buffered, with the name the run waits for', async (t) => {
    const crux = open(t)
    const def = crux.flow('review', async (flow) => flow.suspend('await-approval', { schema: approval, timeout: '7d' }))
    const handle = await def.start()
    await untilStatus(handle, 'suspended', 'await-approval')

    const misspelled = await crux.signalFlow(handle.flowId, 'await-aproval', { approved: true })
    assert.deepEqual(misspelled, { outcome: 'buffered', waitingFor: 'await-approval' })
    assert.deepEqual(await handle.status().then((s) => [s.status, s.waitingFor]), ['suspended', 'await-approval'])
    const signaled = (await handle.history()).at(-1)
    assert.equal(signaled.type, 'signaled')
    assert.equal(signaled.buffered, true)

    const right = await handle.signal('await-approval', { approved: true })
    assert.deepEqual(right, { outcome: 'delivered', waitingFor: 'await-approval' })
    assert.deepEqual(await resultOf(handle), { approved: true })
    const history = await handle.history()
    assert.equal(history.filter((e) => e.type === 'signaled' && !e.buffered).length, 1)
  })

  test('a signal before its wait is buffered without waitingFor, and consumed by the wait', async (t) => {
    const crux = open(t)
    let release
    const gate = new Promise((resolve) => {
      release = resolve
    })
    const def = crux.flow('early', async (flow) => {
      await flow.step('slow', () => gate)
      return flow.suspend('go')
    })
    const handle = await def.start()
    await until(async () => (await handle.status()).status === 'running')
    assert.deepEqual(await handle.signal('go', 1), { outcome: 'buffered' })
    release('done')
    assert.equal(await resultOf(handle), 1)
  })

  test('{ buffer: false } refuses a signal the run is not parked on, with a typed error, and records nothing', async (t) => {
    const crux = open(t)
    const def = crux.flow('strict', async (flow) => flow.suspend('await-approval'))
    const handle = await def.start()
    await untilStatus(handle, 'suspended', 'await-approval')
    const before = await handle.history()

    const error = await rejectsWith(
      () => crux.signalFlow(handle.flowId, 'await-aproval', { approved: true }, { buffer: false }),
      'SIGNAL_INVALID',
      SignalInvalidError,
    )
    assert.match(error.message, /not waiting for signal "await-aproval"/)
    assert.match(error.message, /"await-approval"/)
    assert.deepEqual(error.details, { waitingFor: 'await-approval' })
    assert.deepEqual(await handle.history(), before)
    await rejectsWith(() => handle.signal('await-approval', 1, { buffer: 'no' }), 'INVALID_ARGUMENT')
    await rejectsWith(() => handle.signal('await-approval', 1, 'no'), 'INVALID_ARGUMENT')

    assert.deepEqual(await handle.signal('await-approval', 'yes', { buffer: false }), {
      outcome: 'delivered',
      waitingFor: 'await-approval',
    })
    assert.equal(await resultOf(handle), 'yes')
  })
})

describe('a payload rejected on resume never fails the run', () => {
  for (const { label, schema, bad, good, path } of [
    { label: 'z.date() (no JSON Schema can say it)', schema: z.object({ when: z.date() }), bad: { when: new Date(0) }, path: '/when' },
    { label: 'a refine', schema: z.object({ n: z.number().refine((x) => x > 10, 'must be over 10') }), bad: { n: 5 }, good: { n: 11 }, path: '/n' },
  ]) {
    test(`${label}: sent from an instance without the definition, rejected on resume, the wait goes on`, async (t) => {
      const crux = open(t)
      const def = crux.flow('checked', async (flow) => {
        const value = await flow.suspend('w', { schema, timeout: '1h' })
        return value
      })
      const handle = await def.start()
      await untilStatus(handle, 'suspended', 'w')
      const suspendedAt = (await handle.history()).find((e) => e.type === 'suspended').data.deadline

      const remote = sender(t, crux)
      assert.deepEqual(await remote.signalFlow(handle.flowId, 'w', bad), { outcome: 'delivered', waitingFor: 'w' })
      const rejection = await until(async () => {
        const last = (await handle.history()).at(-1)
        return last.type === 'suspended' && last.data.rejected ? last : false
      }, { message: 'the rejection in the history' })
      assert.equal(rejection.data.wait, 'w')
      assert.equal(rejection.data.deadline, suspendedAt, 'the original deadline')
      assert.ok(rejection.data.rejected.length > 0)
      assert.equal(typeof rejection.data.rejected[0].message, 'string')
      const status = await handle.status()
      assert.equal(status.status, 'suspended')
      assert.equal(status.waitingFor, 'w')
      await settle()
      assert.equal((await handle.status()).status, 'suspended', 'the run did not fail')

      if (good) {
        await remote.signalFlow(handle.flowId, 'w', good)
        assert.deepEqual(await resultOf(handle), good)
        assert.deepEqual(await historyTypes(handle), ['started', 'suspended', 'signaled', 'resumed', 'suspended', 'signaled', 'resumed', 'completed'])
      }
    })

    test(`${label}: the instance that has the definition refuses it at send time`, async (t) => {
      const crux = open(t)
      const def = crux.flow('checked', async (flow) => flow.suspend('w', { schema }))
      const handle = await def.start()
      await untilStatus(handle, 'suspended', 'w')
      const before = await handle.history()
      const error = await rejectsWith(() => handle.signal('w', bad), 'SIGNAL_INVALID', SignalInvalidError)
      assert.deepEqual(error.details.map((f) => f.path), [path], 'details as the engine gives them: [{ path, message }]')
      assert.deepEqual(await handle.history(), before, 'nothing recorded')
      if (good) {
        await handle.signal('w', good)
        assert.deepEqual(await resultOf(handle), good)
      }
    })
  }

  test('a buffered payload the JSON Schema rejects when its suspend takes it is recorded as rejected', async (t) => {
    const crux = open(t)
    let release
    const gate = new Promise((resolve) => {
      release = resolve
    })
    const def = crux.flow('buffered-bad', async (flow) => {
      await flow.step('first', () => gate)
      return flow.suspend('await-approval', { schema: { type: 'object', properties: { approved: { type: 'boolean' } }, required: ['approved'] } })
    })
    const handle = await def.start()
    await until(async () => (await handle.status()).status === 'running')
    assert.deepEqual(await handle.signal('await-approval', { approved: 'yes' }), { outcome: 'buffered' })
    release(1)
    await untilStatus(handle, 'suspended', 'await-approval')
    const rejection = (await handle.history()).at(-1)
    assert.equal(rejection.type, 'suspended')
    assert.equal(rejection.data.rejected[0].path, '/approved')
    await handle.signal('await-approval', { approved: true })
    assert.deepEqual(await resultOf(handle), { approved: true })
  })
})

describe('deadlines come first', () => {
  test('a signal after the deadline, before any timer ran, is refused as timed out: timed-out is recorded, no signaled', async (t) => {
    const clock = manualClock()
    const crux = open(t, { now: clock.now })
    const def = crux.flow('race', async (flow) => {
      try {
        return await flow.suspend('await-approval', { timeout: '1s' })
      } catch (error) {
        return error.code
      }
    })
    const handle = await def.start()
    await untilStatus(handle, 'suspended', 'await-approval')
    clock.advance(1000)
    const error = await rejectsWith(() => handle.signal('await-approval', { approved: true }), 'SUSPEND_TIMEOUT', SuspendTimeoutError)
    assert.match(error.message, /timed out/)
    assert.equal(await resultOf(handle), 'SUSPEND_TIMEOUT')
    const types = await historyTypes(handle)
    assert.deepEqual(types, ['started', 'suspended', 'timed-out', 'completed'])
    assert.ok(!types.includes('signaled'))
  })

  test('one millisecond before the deadline the signal is delivered', async (t) => {
    const clock = manualClock()
    const crux = open(t, { now: clock.now })
    const def = crux.flow('race', async (flow) => flow.suspend('await-approval', { timeout: '1s' }))
    const handle = await def.start()
    await untilStatus(handle, 'suspended', 'await-approval')
    clock.advance(999)
    assert.deepEqual(await handle.signal('await-approval', 'ok'), { outcome: 'delivered', waitingFor: 'await-approval' })
    clock.advance(10)
    assert.equal(await resultOf(handle), 'ok')
  })
})
