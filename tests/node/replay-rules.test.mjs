// Replay rules under adversarial use: names that look like another call's occurrence, steps
// running beside a wait that parks the pass, and a body whose error is too large to record.
import 'fake-indexeddb/auto'
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'

import { createCrux } from '@crux/core'
import { callCounter, resultOf, uniqueName, untilStatus } from './support.mjs'

function open(t, options = {}) {
  const crux = createCrux({ name: uniqueName('replay'), ...options })
  t.after(() => crux.close())
  return crux
}

describe('call names', () => {
  test("step('a'), step('a#2'), step('a'): each runs its own function and keeps its own result", async (t) => {
    const crux = open(t)
    const calls = callCounter()
    const def = crux.flow('names', async (flow) => {
      const first = await flow.step('a', () => (calls.hit('a1'), 'first a'))
      const hash = await flow.step('a#2', () => (calls.hit('a#2'), 'the step named a#2'))
      const second = await flow.step('a', () => (calls.hit('a2'), 'second a'))
      await flow.suspend('go')
      return { first, hash, second }
    })
    const handle = await def.start()
    await untilStatus(handle, 'suspended', 'go')
    await handle.signal('go', true)
    assert.deepEqual(await resultOf(handle), { first: 'first a', hash: 'the step named a#2', second: 'second a' })
    assert.deepEqual([calls.get('a1'), calls.get('a#2'), calls.get('a2')], [1, 1, 1])
    const steps = (await handle.history()).filter((e) => e.type === 'step-completed')
    assert.deepEqual(steps.map((e) => [e.name, e.occurrence ?? 1]), [['a', 1], ['a#2', 1], ['a', 2]])
  })

  test("suspend('w'), suspend('w#2'), suspend('w'): the second 'w' does not get the payload sent to 'w#2'", async (t) => {
    const crux = open(t)
    const def = crux.flow('waits', async (flow) => {
      const one = await flow.suspend('w')
      const hash = await flow.suspend('w#2')
      const two = await flow.suspend('w')
      return { one, hash, two }
    })
    const handle = await def.start()
    await untilStatus(handle, 'suspended', 'w')
    await handle.signal('w', 'first w')
    await untilStatus(handle, 'suspended', 'w#2')
    await handle.signal('w#2', 'for w#2')
    await untilStatus(handle, 'suspended', 'w')
    await handle.signal('w', 'second w')
    assert.deepEqual(await resultOf(handle), { one: 'first w', hash: 'for w#2', two: 'second w' })
  })
})

describe('steps beside a wait', () => {
  for (const wait of ['suspend', 'sleep']) {
    test(`Promise.all([flow.${wait}('go'), flow.step('b', fn)]) runs fn once`, async (t) => {
      let now = Date.UTC(2030, 0, 1)
      const crux = open(t, { now: () => now })
      const calls = callCounter()
      let release
      const slow = new Promise((resolve) => {
        release = resolve
      })
      const def = crux.flow('beside', async (flow) => {
        const [, b] = await Promise.all([
          wait === 'suspend' ? flow.suspend('go') : flow.sleep('go', '1h'),
          flow.step('b', async () => {
            calls.hit('b')
            await slow // finishes after the wait has parked the pass
            return 'b done'
          }),
        ])
        return flow.step('after', () => (calls.hit('after'), b))
      })
      const handle = await def.start()
      await untilStatus(handle, 'suspended')
      release()
      await new Promise((resolve) => setTimeout(resolve, 50))
      const recorded = (await handle.history()).filter((e) => e.type === 'step-completed').map((e) => e.name)
      assert.deepEqual(recorded, ['b'], 'b is recorded although the wait parked the pass')
      if (wait === 'suspend') await handle.signal('go', true)
      else now += 2 * 60 * 60 * 1000
      assert.equal(await resultOf(handle), 'b done')
      assert.equal(calls.get('b'), 1)
      assert.equal(calls.get('after'), 1)
    })
  }

  test('a step that starts after the pass parked runs in the next pass, once', async (t) => {
    const crux = open(t)
    const calls = callCounter()
    const def = crux.flow('later-sibling', async (flow) => {
      const [, c] = await Promise.all([
        flow.suspend('go'),
        (async () => {
          await flow.step('b', async () => (calls.hit('b'), new Promise((resolve) => setTimeout(() => resolve('b'), 30))))
          return flow.step('c', () => (calls.hit('c'), 'c'))
        })(),
      ])
      return c
    })
    const handle = await def.start()
    await untilStatus(handle, 'suspended', 'go')
    await new Promise((resolve) => setTimeout(resolve, 80))
    assert.equal(calls.get('c'), 0, 'no new step starts in a parked pass')
    await handle.signal('go', true)
    assert.equal(await resultOf(handle), 'c')
    assert.deepEqual([calls.get('b'), calls.get('c')], [1, 1])
  })
})
