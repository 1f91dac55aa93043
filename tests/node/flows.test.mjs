// Flows on isolated instances: chained waits, buffered signals, revise loops, idempotent
// start, schema validation of signals, timeouts and sleeps on an injected clock, retries,
// failures, cancellation, listing, and replay divergence.
import 'fake-indexeddb/auto'
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { z } from 'zod'

import {
  createCrux,
  CruxError,
  FlowClosedError,
  InvalidArgumentError,
  NonDeterministicError,
  SignalInvalidError,
  SuspendTimeoutError,
} from '@crux/core'

import { callCounter, historyTypes, manualClock, rejectsWith, settle, uniqueName, until, untilStatus, resultOf, withFrozenWallClock } from './support.mjs'

const DAY = 24 * 60 * 60 * 1000
const HOUR = 60 * 60 * 1000

/** An isolated instance with a unique database; closed by the test through `t.after`. */
function open(t, options = {}) {
  const crux = createCrux({ name: uniqueName('flows'), ...options })
  t.after(() => crux.close())
  return crux
}

const approvalSchema = z.object({ approved: z.boolean(), by: z.string() })

describe('waits and signals', () => {
  test('chained approvers: await-finance, then await-legal, each signaled in turn', async (t) => {
    const crux = open(t)
    const calls = callCounter()
    const def = crux.flow('purchase', async (flow) => {
      const order = await flow.step('draft', () => {
        calls.hit('draft')
        return { amount: flow.input.amount }
      })
      const finance = await flow.suspend('await-finance', { schema: approvalSchema })
      const legal = await flow.suspend('await-legal', { schema: approvalSchema })
      return flow.step('place', () => {
        calls.hit('place')
        return { order, finance: finance.by, legal: legal.by }
      })
    })
    const handle = await def.start({ amount: 1200 })

    let status = await untilStatus(handle, 'suspended', 'await-finance')
    assert.equal(status.waitingFor, 'await-finance')
    await handle.signal('await-finance', { approved: true, by: 'fiona' })

    status = await untilStatus(handle, 'suspended', 'await-legal')
    assert.equal(status.waitingFor, 'await-legal')
    assert.equal(calls.get('place'), 0)
    await crux.signalFlow(handle.flowId, 'await-legal', { approved: true, by: 'lee' })

    assert.deepEqual(await resultOf(handle), { order: { amount: 1200 }, finance: 'fiona', legal: 'lee' })
    assert.equal(calls.get('draft'), 1)
    assert.equal(calls.get('place'), 1)
    const history = await handle.history()
    assert.deepEqual(
      history.map((e) => [e.type, e.name ?? null]),
      [
        ['started', 'purchase'],
        ['step-completed', 'draft'],
        ['suspended', 'await-finance'],
        ['signaled', 'await-finance'],
        ['resumed', 'await-finance'],
        ['suspended', 'await-legal'],
        ['signaled', 'await-legal'],
        ['resumed', 'await-legal'],
        ['step-completed', 'place'],
        ['completed', null],
      ],
    )
    assert.equal((await handle.status()).waitingFor, undefined)
  })

  test('a signal sent before its wait is reached is buffered and consumed later', async (t) => {
    const crux = open(t)
    const def = crux.flow('early-bird', async (flow) => {
      const first = await flow.suspend('first')
      const second = await flow.suspend('second', { schema: { type: 'object', required: ['n'] } })
      return { first, second }
    })
    const handle = await def.start()
    await untilStatus(handle, 'suspended', 'first')

    // 'second' arrives while the run waits on 'first'
    await handle.signal('second', { n: 2 })
    await settle()
    const status = await handle.status()
    assert.equal(status.status, 'suspended')
    assert.equal(status.waitingFor, 'first')

    await handle.signal('first', { n: 1 })
    assert.deepEqual(await resultOf(handle), { first: { n: 1 }, second: { n: 2 } })
    const history = await handle.history()
    const signaled = history.filter((e) => e.type === 'signaled').map((e) => [e.name, e.data])
    assert.deepEqual(signaled, [['second', { n: 2 }], ['first', { n: 1 }]], 'recorded in the order sent')
    const resumed = history.filter((e) => e.type === 'resumed').map((e) => [e.name, e.data])
    assert.deepEqual(resumed, [['first', { n: 1 }], ['second', { n: 2 }]], 'consumed by the wait of its name')
    assert.equal(history.at(-1).type, 'completed')
  })

  test('signals sent right after start, before the body ran, are buffered', async (t) => {
    const crux = open(t)
    const def = crux.flow('eager', async (flow) => {
      const a = await flow.suspend('a')
      const b = await flow.suspend('b')
      return [a, b]
    })
    const handle = await def.start()
    await Promise.all([handle.signal('b', 'B'), handle.signal('a', 'A')])
    assert.deepEqual(await resultOf(handle), ['A', 'B'])
  })

  test('a revise loop suspends under the same name several times; payloads are consumed in order', async (t) => {
    const crux = open(t)
    const calls = callCounter()
    const review = z.object({ approve: z.boolean(), note: z.string().optional() })
    const def = crux.flow('revise-loop', async (flow) => {
      let draft = await flow.step('draft', () => {
        calls.hit('draft')
        return 'v1'
      })
      const notes = []
      for (;;) {
        const decision = await flow.suspend('review', { schema: review })
        if (decision.approve) break
        notes.push(decision.note)
        draft = await flow.step('revise', () => {
          calls.hit('revise')
          return `${draft}+${decision.note}`
        })
      }
      return { draft, notes }
    })

    // one signal at a time, each after the run parked again
    const handle = await def.start()
    for (const note of ['shorter', 'friendlier', 'add sources']) {
      await untilStatus(handle, 'suspended', 'review')
      const before = (await handle.history()).length
      await handle.signal('review', { approve: false, note })
      await until(async () => (await handle.history()).length > before + 3 && (await handle.status()).status === 'suspended', {
        message: `the revision "${note}" to be done`,
      })
    }
    await handle.signal('review', { approve: true })
    const expected = { draft: 'v1+shorter+friendlier+add sources', notes: ['shorter', 'friendlier', 'add sources'] }
    assert.deepEqual(await resultOf(handle), expected)
    assert.equal(calls.get('draft'), 1)
    assert.equal(calls.get('revise'), 3)
    const history = await handle.history()
    assert.deepEqual(
      history.filter((e) => e.type === 'step-completed').map((e) => [e.name, e.occurrence ?? 1]),
      [['draft', 1], ['revise', 1], ['revise', 2], ['revise', 3]],
    )
    assert.equal(history.filter((e) => e.type === 'suspended').length, 4)
    assert.deepEqual(
      history.filter((e) => e.type === 'signaled').map((e) => e.data.note ?? 'approve'),
      ['shorter', 'friendlier', 'add sources', 'approve'],
    )

    // all four decisions sent at once: buffered and consumed in the order sent
    calls.reset()
    const second = await def.start()
    await untilStatus(second, 'suspended', 'review')
    await second.signal('review', { approve: false, note: 'a' })
    await second.signal('review', { approve: false, note: 'b' })
    await second.signal('review', { approve: false, note: 'c' })
    await second.signal('review', { approve: true })
    assert.deepEqual(await resultOf(second), { draft: 'v1+a+b+c', notes: ['a', 'b', 'c'] })
    assert.equal(calls.get('draft'), 1)
    assert.equal(calls.get('revise'), 3)
  })

  test('idempotent start with { flowId } returns the same run; the body runs once', async (t) => {
    const crux = open(t)
    const calls = callCounter()
    const def = crux.flow('once', async (flow) => {
      calls.hit('body')
      const value = await flow.step('work', () => {
        calls.hit('work')
        return flow.input.n * 2
      })
      await flow.suspend('go')
      return value
    })
    const first = await def.start({ n: 21 }, { flowId: 'order-42' })
    assert.equal(first.flowId, 'order-42')
    await untilStatus(first, 'suspended', 'go')
    const [again, third] = await Promise.all([def.start({ n: 1 }, { flowId: 'order-42' }), def.start({ n: 2 }, { flowId: 'order-42' })])
    assert.equal(again.flowId, 'order-42')
    assert.equal(third.flowId, 'order-42')
    await settle()

    assert.equal(calls.get('body'), 1)
    assert.equal(calls.get('work'), 1)
    const runs = await crux.listFlows({ name: 'once' })
    assert.equal(runs.length, 1)
    assert.equal(runs[0].flowId, 'order-42')
    assert.deepEqual((await first.history()).filter((e) => e.type === 'started').length, 1)

    await again.signal('go', null)
    assert.equal(await resultOf(first), 42, 'the first input is the run input')

    // starting again once it completed still gives the same, finished run
    const late = await def.start({ n: 5 }, { flowId: 'order-42' })
    assert.equal(late.flowId, 'order-42')
    assert.equal(await resultOf(late), 42)
    assert.equal(calls.get('work'), 1)
    assert.equal((await crux.listFlows({ name: 'once' })).length, 1)
  })

  test('a payload failing a JSON Schema → SIGNAL_INVALID listing each path; nothing recorded; then a valid one works', async (t) => {
    const crux = open(t)
    const schema = {
      type: 'object',
      properties: { approved: { type: 'boolean' }, comment: { type: 'string' } },
      required: ['approved'],
      additionalProperties: false,
    }
    const def = crux.flow('strict', async (flow) => {
      const approval = await flow.suspend('approval', { schema })
      return approval
    })
    const handle = await def.start()
    await untilStatus(handle, 'suspended', 'approval')
    const before = await handle.history()

    const error = await rejectsWith(
      () => handle.signal('approval', { approved: 'yes', extra: 1 }),
      'SIGNAL_INVALID',
      SignalInvalidError,
    )
    assert.match(error.message, /\/approved/)
    assert.match(error.message, /\/extra/)
    assert.doesNotMatch(error.message, /\/comment/)

    const missing = await rejectsWith(() => crux.signalFlow(handle.flowId, 'approval', { comment: 5 }), 'SIGNAL_INVALID')
    assert.match(missing.message, /\/comment/)
    assert.match(missing.message, /approved/)
    await rejectsWith(() => handle.signal('approval', 'yes'), 'SIGNAL_INVALID')
    await rejectsWith(() => handle.signal('approval', undefined), 'SIGNAL_INVALID')

    const after = await handle.history()
    assert.equal(after.length, before.length)
    assert.deepEqual(after, before)
    const status = await handle.status()
    assert.equal(status.status, 'suspended')
    assert.equal(status.waitingFor, 'approval')

    await handle.signal('approval', { approved: true, comment: 'lgtm' })
    assert.deepEqual(await resultOf(handle), { approved: true, comment: 'lgtm' })
  })

  test('schema patterns are ECMA-262 (unicode classes, U+0000) and survive long inputs', async (t) => {
    const crux = open(t)
    const schema = {
      type: 'object',
      properties: { name: { type: 'string', pattern: '^\\p{L}+$' }, tag: { type: 'string', pattern: '^(a|b)*$' } },
    }
    const def = crux.flow('patterns', async (flow) => flow.suspend('w', { schema }))
    const verdict = async (payload) => {
      const handle = await def.start()
      await untilStatus(handle, 'suspended', 'w')
      try {
        await handle.signal('w', payload)
        return 'accepted'
      } catch (error) {
        return error.code
      }
    }
    assert.equal(await verdict({ name: 'Zoë' }), 'accepted')
    assert.equal(await verdict({ name: 'x1' }), 'SIGNAL_INVALID')
    assert.equal(await verdict({ name: 'a\u0000b' }), 'SIGNAL_INVALID')
    assert.equal(await verdict({ tag: 'ab'.repeat(200_000) }), 'accepted')
    assert.equal(await verdict({ tag: 'ab'.repeat(200_000) + 'c' }), 'SIGNAL_INVALID')
    await rejectsWith(
      async () => resultOf(await crux.flow('bad-pattern', async (flow) => flow.suspend('w', { schema: { pattern: '(' } })).start()),
      'INVALID_ARGUMENT',
    )
  })

  test('a zod schema: the stored JSON Schema validates at send time; the parsed output reaches the body', async (t) => {
    const crux = open(t)
    const def = crux.flow('zod-wait', async (flow) => {
      const value = await flow.suspend('approval', {
        schema: z.object({ approved: z.boolean(), count: z.number().int().min(1) }),
      })
      return { value, keys: Object.keys(value).sort() }
    })
    const handle = await def.start()
    await untilStatus(handle, 'suspended', 'approval')
    const error = await rejectsWith(() => handle.signal('approval', { approved: null, count: 0 }), 'SIGNAL_INVALID')
    assert.match(error.message, /\/approved/)
    assert.match(error.message, /\/count/)
    await handle.signal('approval', { approved: false, count: 3 })
    assert.deepEqual(await resultOf(handle), { value: { approved: false, count: 3 }, keys: ['approved', 'count'] })
  })
})

describe('time: timeouts and sleeps on an injected clock', () => {
  test("a '7d' wait times out once the clock passes 7 days; the body catches SUSPEND_TIMEOUT", async (t) => {
    const clock = manualClock()
    const crux = open(t, { now: clock.now })
    const start = clock.now()
    const def = crux.flow('deadline', async (flow) => {
      try {
        const approval = await flow.suspend('await-approval', { timeout: '7d' })
        return { outcome: 'approved', approval }
      } catch (error) {
        return {
          outcome: 'timed-out',
          code: error.code,
          isTimeout: error instanceof SuspendTimeoutError,
          isCrux: error instanceof CruxError,
        }
      }
    })
    const handle = await def.start()
    await untilStatus(handle, 'suspended', 'await-approval')
    const suspended = (await handle.history()).find((e) => e.type === 'suspended')
    assert.equal(suspended.at, start)
    assert.equal(suspended.data.deadline, start + 7 * DAY)

    clock.advance(7 * DAY - 1)
    assert.equal((await handle.status()).status, 'suspended', 'one millisecond early: still waiting')
    await settle()
    assert.equal((await handle.status()).status, 'suspended')

    clock.advance(2)
    assert.deepEqual(await resultOf(handle), { outcome: 'timed-out', code: 'SUSPEND_TIMEOUT', isTimeout: true, isCrux: true })
    const types = await historyTypes(handle)
    assert.deepEqual(types, ['started', 'suspended', 'timed-out', 'completed'])
    await rejectsWith(() => handle.signal('await-approval', { late: true }), 'FLOW_CLOSED', FlowClosedError)
  })

  test('a signal before the deadline wins; the deadline passing later changes nothing', async (t) => {
    const clock = manualClock()
    const crux = open(t, { now: clock.now })
    const def = crux.flow('in-time', async (flow) => {
      try {
        return await flow.suspend('ok', { timeout: '1h30m' })
      } catch (error) {
        return error.code
      }
    })
    const handle = await def.start()
    await untilStatus(handle, 'suspended', 'ok')
    clock.advance(HOUR + 29 * 60 * 1000)
    await handle.signal('ok', 'in time')
    assert.equal(await resultOf(handle), 'in time')
    clock.advance(DAY)
    assert.equal(await resultOf(handle), 'in time')
    assert.deepEqual(await historyTypes(handle), ['started', 'suspended', 'signaled', 'resumed', 'completed'])
  })

  test('a timeout that passes while the page is closed is seen after the reload', async (t) => {
    const clock = manualClock()
    const name = uniqueName('flows-timeout-reload')
    const calls = callCounter()
    const body = async (flow) => {
      const before = await flow.step('before', () => {
        calls.hit('before')
        return 'prepared'
      })
      try {
        await flow.suspend('await-approval', { timeout: '7d' })
        return 'approved'
      } catch (error) {
        if (error.code !== 'SUSPEND_TIMEOUT') throw error
        return flow.step('expire', () => {
          calls.hit('expire')
          return `${before}, then expired`
        })
      }
    }
    const first = createCrux({ name, now: clock.now })
    const handle = await first.flow('expiring', body).start()
    await untilStatus(handle, 'suspended', 'await-approval')
    const recorded = await handle.history()
    await first.close()

    clock.advance(8 * DAY)
    const second = createCrux({ name, now: clock.now })
    t.after(() => second.close())
    second.flow('expiring', body)
    const reloaded = await second.getFlow(handle.flowId).history()
    assert.deepEqual(reloaded.slice(0, recorded.length), recorded, 'the journal committed before close() is what the next page loads')
    assert.equal(await resultOf(second.getFlow(handle.flowId)), 'prepared, then expired')
    assert.equal(calls.get('before'), 1)
    assert.equal(calls.get('expire'), 1)
    assert.deepEqual(await historyTypes(second.getFlow(handle.flowId)), [
      'started',
      'step-completed',
      'suspended',
      'timed-out',
      'step-completed',
      'completed',
    ])
  })

  test("flow.sleep('nap', '1h') waits for the injected clock", async (t) => {
    const clock = manualClock()
    const crux = open(t, { now: clock.now })
    const calls = callCounter()
    const def = crux.flow('napper', async (flow) => {
      await flow.step('before', () => calls.hit('before'))
      await flow.sleep('nap', '1h')
      return flow.step('after', () => {
        calls.hit('after')
        return 'rested'
      })
    })
    const start = clock.now()
    const handle = await def.start()
    const status = await untilStatus(handle, 'suspended', 'nap')
    assert.equal(status.waitingFor, 'nap')

    clock.advance(HOUR - 1000)
    assert.equal((await handle.status()).status, 'suspended')
    await settle()
    assert.equal(calls.get('after'), 0)

    clock.advance(1000)
    assert.equal(await resultOf(handle), 'rested')
    assert.equal(calls.get('before'), 1)
    assert.equal(calls.get('after'), 1)
    const history = await handle.history()
    assert.deepEqual(history.map((e) => e.type), ['started', 'step-completed', 'suspended', 'resumed', 'step-completed', 'completed'])
    assert.equal(history.find((e) => e.type === 'resumed').at, start + HOUR)
    // a sleep is not a wait a signal can end
    assert.equal(history.some((e) => e.type === 'signaled'), false)
  })
})

describe('steps: retries and failures', () => {
  test('a step that throws, with { retries: 2, backoff: 10 }, succeeds on the 3rd attempt', async (t) => {
    const crux = open(t)
    let attempts = 0
    const def = crux.flow('flaky', async (flow) => {
      return flow.step(
        'call-api',
        async () => {
          attempts += 1
          if (attempts < 3) throw new Error(`attempt ${attempts} failed`)
          return { attempts }
        },
        { retries: 2, backoff: 10 },
      )
    })
    const started = Date.now()
    const handle = await def.start()
    assert.deepEqual(await resultOf(handle), { attempts: 3 })
    assert.equal(attempts, 3)
    assert.ok(Date.now() - started < 2000)
    const history = await handle.history()
    assert.deepEqual(history.map((e) => e.type), ['started', 'step-failed', 'step-failed', 'step-completed', 'completed'])
    const failed = history.filter((e) => e.type === 'step-failed')
    assert.deepEqual(failed.map((e) => e.name), ['call-api', 'call-api'])
    assert.match(JSON.stringify(failed[0].data), /attempt 1 failed/)
    assert.match(JSON.stringify(failed[1].data), /attempt 2 failed/)
    assert.ok(failed[1].at - failed[0].at >= 10, 'the backoff is waited')
  })

  test('a step that always throws fails the run; result() rejects with its message', async (t) => {
    const crux = open(t)
    let attempts = 0
    const def = crux.flow('doomed', async (flow) => {
      await flow.step('ok', () => 'fine')
      await flow.step(
        'broken',
        () => {
          attempts += 1
          throw new TypeError(`cannot read the report (attempt ${attempts})`)
        },
        { retries: 1, backoff: 5 },
      )
      return 'unreachable'
    })
    const handle = await def.start()
    let error
    try {
      await resultOf(handle)
    } catch (caught) {
      error = caught
    }
    assert.ok(error instanceof Error)
    assert.equal(error.message, 'cannot read the report (attempt 2)')
    assert.equal(error.name, 'TypeError')
    assert.equal(attempts, 2)
    const status = await handle.status()
    assert.equal(status.status, 'failed')
    assert.equal(status.error.message, 'cannot read the report (attempt 2)')
    assert.deepEqual(await historyTypes(handle), ['started', 'step-completed', 'step-failed', 'step-failed', 'failed'])
    await rejectsWith(() => handle.signal('anything', 1), 'FLOW_CLOSED')
    // a failed run is not retried by registering again
    crux.flow('doomed', async () => 'other')
    await settle()
    assert.equal((await handle.status()).status, 'failed')
    assert.equal(attempts, 2)
  })

  test('a step without retries that throws a non-Error value fails the run with that text', async (t) => {
    const crux = open(t)
    const def = crux.flow('throws-string', async (flow) => {
      await flow.step('s', () => {
        throw 'plain string'
      })
    })
    const handle = await def.start()
    const error = await resultOf(handle).then(
      () => assert.fail('should fail'),
      (e) => e,
    )
    assert.equal(error.message, 'plain string')
    assert.deepEqual(await historyTypes(handle), ['started', 'step-failed', 'failed'])
  })

  test('an uncaught CruxError in the body (a bad updatePlan) comes back from result() with its code', async (t) => {
    const crux = open(t)
    const def = crux.flow('bad-update', async (flow) => {
      const { id } = await flow.step('make-plan', async () => crux.plan({ title: 'p', content: 'c', metadata: {} }))
      await crux.updatePlan(id, { title: 5 })
      return 'unreachable'
    })
    const handle = await def.start()
    const error = await rejectsWith(() => resultOf(handle), 'INVALID_ARGUMENT', InvalidArgumentError)
    assert.match(error.message, /title/)
    const status = await handle.status()
    assert.equal(status.status, 'failed')
    assert.equal(status.error.code, 'INVALID_ARGUMENT')
    // and a body that throws a CruxError of another kind keeps that kind
    const other = crux.flow('missing-plan', async () => {
      await crux.updatePlan('no-such-plan', { title: 'x' })
    })
    await rejectsWith(async () => resultOf(await other.start()), 'PLAN_NOT_FOUND')
  })

  test('the body returning a value that is not JSON fails the run with NOT_SERIALIZABLE', async (t) => {
    const crux = open(t)
    const def = crux.flow('returns-map', async () => new Map([[1, 2]]))
    const handle = await def.start()
    await rejectsWith(() => resultOf(handle), 'NOT_SERIALIZABLE')
    assert.equal((await handle.status()).status, 'failed')
  })
})

describe('cancel, list, replay', () => {
  test('cancel → cancelled; result() rejects with FLOW_CLOSED; signals afterwards are FLOW_CLOSED', async (t) => {
    const crux = open(t)
    const calls = callCounter()
    const def = crux.flow('cancellable', async (flow) => {
      await flow.suspend('go')
      calls.hit('after')
      return 'went'
    })
    const handle = await def.start()
    await untilStatus(handle, 'suspended', 'go')
    const pending = resultOf(handle)
    pending.catch(() => {})

    await handle.cancel('changed my mind')
    const status = await handle.status()
    assert.equal(status.status, 'cancelled')
    assert.equal(status.waitingFor, undefined)
    await rejectsWith(pending, 'FLOW_CLOSED', FlowClosedError)
    await rejectsWith(() => resultOf(handle), 'FLOW_CLOSED', FlowClosedError)
    await rejectsWith(() => handle.signal('go', {}), 'FLOW_CLOSED', FlowClosedError)
    await rejectsWith(() => crux.signalFlow(handle.flowId, 'go', {}), 'FLOW_CLOSED', FlowClosedError)
    assert.equal((await historyTypes(handle)).at(-1), 'cancelled')
    await settle()
    assert.equal(calls.get('after'), 0)
    assert.equal((await handle.status()).status, 'cancelled')
  })

  test('listFlows({ status, name }) filters', async (t) => {
    const crux = open(t)
    const waiter = crux.flow('waiter', async (flow) => flow.suspend('go'))
    const quick = crux.flow('quick', async (flow) => flow.input)
    const failing = crux.flow('failing', async () => {
      throw new Error('nope')
    })

    const suspendedA = await waiter.start()
    const suspendedB = await waiter.start()
    const cancelled = await waiter.start()
    const completed = await quick.start(7)
    const failed = await failing.start()
    await Promise.all([untilStatus(suspendedA, 'suspended'), untilStatus(suspendedB, 'suspended'), untilStatus(cancelled, 'suspended')])
    await cancelled.cancel()
    assert.equal(await resultOf(completed), 7)
    await assert.rejects(resultOf(failed), { message: 'nope' })

    const ids = (list) => list.map((s) => s.flowId).sort()
    assert.deepEqual(ids(await crux.listFlows({ status: 'suspended' })), [suspendedA.flowId, suspendedB.flowId].sort())
    assert.deepEqual(ids(await crux.listFlows({ status: 'completed' })), [completed.flowId])
    assert.deepEqual(ids(await crux.listFlows({ status: 'failed' })), [failed.flowId])
    assert.deepEqual(ids(await crux.listFlows({ status: 'cancelled' })), [cancelled.flowId])
    assert.deepEqual(await crux.listFlows({ status: 'running' }), [])
    assert.deepEqual(ids(await crux.listFlows({ name: 'waiter' })), [suspendedA.flowId, suspendedB.flowId, cancelled.flowId].sort())
    assert.deepEqual(ids(await crux.listFlows({ name: 'waiter', status: 'cancelled' })), [cancelled.flowId])
    assert.deepEqual(await crux.listFlows({ name: 'quick', status: 'suspended' }), [])
    assert.equal((await crux.listFlows()).length, 5)
    assert.equal((await crux.listFlows({})).length, 5)

    const summary = (await crux.listFlows({ status: 'completed' }))[0]
    assert.equal(summary.name, 'quick')
    assert.equal(summary.status, 'completed')
  })

  test('a replay that diverges from the journal fails the run with NON_DETERMINISTIC', async (t) => {
    const name = uniqueName('flows-diverge')
    const calls = callCounter()
    const first = createCrux({ name })
    const handle = await first
      .flow('shifty', async (flow) => {
        await flow.step('fetch-a', () => {
          calls.hit('fetch-a')
          return 'a'
        })
        await flow.suspend('go')
        return 'done'
      })
      .start()
    await untilStatus(handle, 'suspended', 'go')
    await first.close()

    // the new page ships a different body under the same name
    const second = createCrux({ name })
    t.after(() => second.close())
    second.flow('shifty', async (flow) => {
      await flow.step('fetch-b', () => {
        calls.hit('fetch-b')
        return 'b'
      })
      await flow.suspend('go')
      return 'done differently'
    })
    await second.signalFlow(handle.flowId, 'go', {})
    const error = await rejectsWith(() => resultOf(second.getFlow(handle.flowId)), 'NON_DETERMINISTIC', NonDeterministicError)
    assert.match(error.message, /fetch-b|fetch-a/)
    assert.equal(calls.get('fetch-a'), 1)
    assert.equal(calls.get('fetch-b'), 0, 'the diverging step is not run')
    assert.equal((await second.getFlow(handle.flowId).status()).status, 'failed')
  })

  test('an interrupted run (page closed mid-step) resumes when its definition is registered', async (t) => {
    const name = uniqueName('flows-interrupted')
    const calls = callCounter()
    let releaseStep
    const first = createCrux({ name })
    const handle = await first
      .flow('long-step', async (flow) => {
        await flow.step('slow', () => {
          calls.hit('slow-first-page')
          return new Promise((resolve) => {
            releaseStep = resolve
          })
        })
        return 'never here'
      })
      .start()
    await until(() => calls.get('slow-first-page') === 1, { message: 'the step to start' })
    await first.close()
    releaseStep('too late') // the old page is gone: nothing may be recorded

    const second = createCrux({ name })
    t.after(() => second.close())
    second.flow('long-step', async (flow) => {
      const value = await flow.step('slow', () => {
        calls.hit('slow-second-page')
        return 'finished'
      })
      return value
    })
    assert.equal(await resultOf(second.getFlow(handle.flowId)), 'finished')
    assert.equal(calls.get('slow-second-page'), 1, 'steps are at-least-once: the interrupted step runs again')
  })
})

describe('durability across reloads', () => {
  test('records committed within one wall-clock millisecond survive a reload', async (t) => {
    // Emscripten's file system stamps files with Date.now(); IndexedDB must still get every
    // commit even when two commits touch the same file within one millisecond.
    const name = uniqueName('flows-same-ms')
    const calls = callCounter()
    const body = async (flow) => {
      const a = await flow.step('a', () => {
        calls.hit('a')
        return 'A'
      })
      const b = await flow.step('b', () => {
        calls.hit('b')
        return 'B'
      })
      const go = await flow.suspend('go')
      return [a, b, go]
    }
    let flowId
    let recorded
    await withFrozenWallClock(async () => {
      const first = createCrux({ name })
      const handle = await first.flow('same-ms', body).start()
      flowId = handle.flowId
      await untilStatus(handle, 'suspended', 'go')
      recorded = await handle.history()
      await first.close()
    })
    assert.deepEqual(recorded.map((e) => e.type), ['started', 'step-completed', 'step-completed', 'suspended'])

    const second = createCrux({ name })
    t.after(() => second.close())
    const reloaded = second.getFlow(flowId)
    assert.deepEqual(await reloaded.history(), recorded, 'every committed record is loaded again')
    const status = await reloaded.status()
    assert.equal(status.status, 'suspended')
    assert.equal(status.waitingFor, 'go')
    second.flow('same-ms', body)
    await reloaded.signal('go', 'G')
    assert.deepEqual(await resultOf(reloaded), ['A', 'B', 'G'])
    assert.equal(calls.get('a'), 1, 'recorded step results are exactly-once')
    assert.equal(calls.get('b'), 1)
  })
})

describe('listeners', () => {
  test('a throwing flow listener is reported and does not fail the call that committed', async (t) => {
    const crux = createCrux({ name: uniqueName('listener') })
    t.after(() => crux.close())
    const errors = []
    const consoleError = console.error
    console.error = (...args) => errors.push(args.join(' '))
    t.after(() => {
      console.error = consoleError
    })
    const def = crux.flow('listened', async (flow) => flow.suspend('go'))
    const handle = await def.start()
    await untilStatus(handle, 'suspended', 'go')
    crux.subscribeFlow(handle.flowId, () => {
      throw new Error('listener bug')
    })
    await handle.signal('go', { ok: true })
    assert.deepEqual(await resultOf(handle), { ok: true })
    assert.ok(errors.some((line) => line.includes('listener bug')), errors.join('\n'))
  })
})

describe('odd things thrown', () => {
  test('a null-prototype object and a huge message are recorded as the run error', async (t) => {
    const crux = createCrux({ name: uniqueName('thrown') })
    t.after(() => crux.close())
    const bare = crux.flow('bare', async (flow) => flow.step('s', () => {
      throw Object.assign(Object.create(null), { message: 'no prototype', code: 'E_BARE' })
    }))
    await assert.rejects(resultOf(await bare.start()), (error) => {
      assert.equal(error.code, 'E_BARE')
      assert.equal(error.message, 'no prototype')
      return true
    })

    const huge = crux.flow('huge', async (flow) => flow.step('s', () => {
      throw new Error('x'.repeat(5 * 1024 * 1024))
    }))
    await assert.rejects(resultOf(await huge.start()), (error) => {
      assert.ok(error.message.startsWith('xxxx'))
      assert.ok(error.message.length < 64 * 1024)
      assert.match(error.message, /\[cut by Crux: the error was \d+ bytes of JSON, and a journal records at most 65536\]$/)
      return true
    })
  })
})
