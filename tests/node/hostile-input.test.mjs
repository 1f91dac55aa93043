// Hostile input across the door: an error too large to record, lone UTF-16 surrogates, revoked
// proxies, a null ifVersion, values past the engine's limits, deadlines past any sane bound.
// Each is refused with a typed error (or, for a body's error, recorded cut down), and nothing
// loops, rewrites a string or fails later.
import 'fake-indexeddb/auto'
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'

import { createCrux } from '@crux/core'
import { engineLimits } from '../../js/core/src/limits.js'
import { rejectsWith, resultOf, uniqueName, untilStatus } from './support.mjs'

function open(t, options = {}) {
  const crux = createCrux({ name: uniqueName('hostile'), ...options })
  t.after(() => crux.close())
  return crux
}

function revokedProxy() {
  const { proxy, revoke } = Proxy.revocable({}, {})
  revoke()
  return proxy
}

const MiB = 1024 * 1024

describe('a run can always record how it ended', () => {
  for (const [member, make] of [
    ['message', (big) => Object.assign(new Error(big), {})],
    ['name', (big) => Object.assign(new Error('m'), { name: big })],
    ['code', (big) => Object.assign(new Error('m'), { code: big })],
    ['details', (big) => Object.assign(new Error('m'), { details: { big } })],
  ]) {
    test(`a body throwing an error whose ${member} is 5 MiB fails once, with the error cut down`, async (t) => {
      const crux = open(t)
      let passes = 0
      const def = crux.flow(`big-${member}`, async () => {
        passes++
        throw make('x'.repeat(5 * MiB))
      })
      const handle = await def.start()
      const status = await untilStatus(handle, 'failed')
      assert.equal(status.error.truncated, true)
      assert.match(status.error.message, /cut by Crux/)
      assert.ok(JSON.stringify(status.error).length <= engineLimits().maxErrorBytes)
      await new Promise((resolve) => setTimeout(resolve, 100))
      assert.equal(passes, 1, 'the body ran once: the failure was recorded the first time')
      await assert.rejects(handle.result(), (error) => /cut by Crux/.test(error.message))
    })
  }
})

describe('strings with lone surrogates are refused at the door, never rewritten', () => {
  test('names and ids: INVALID_ARGUMENT naming the field; nothing recorded', async (t) => {
    const crux = open(t)
    assert.throws(() => crux.flow('lone\uD800', async () => 1), { code: 'INVALID_ARGUMENT', message: /flow name holds a lone UTF-16 surrogate/ })
    const def = crux.flow('strings', async (flow) => flow.step('a\uD800b', () => 1))
    await rejectsWith(def.start({}, { flowId: 'id\uD800z' }), 'INVALID_ARGUMENT')
    assert.deepEqual(await crux.listFlows(), [])
    const handle = await def.start({})
    const failed = await untilStatus(handle, 'failed')
    assert.equal(failed.error.code, 'INVALID_ARGUMENT')
    assert.match(failed.error.message, /step name holds a lone UTF-16 surrogate/)
    await rejectsWith(crux.signalFlow(handle.flowId, 'go\uDC00', 1), 'INVALID_ARGUMENT')
  })

  test('values: NOT_SERIALIZABLE with the path, for plans, inputs, results and payloads alike', async (t) => {
    const crux = open(t)
    const refused = await rejectsWith(crux.plan({ title: 'a\uD800b' }), 'NOT_SERIALIZABLE')
    assert.deepEqual(refused.details, { path: '$.title' })
    await rejectsWith(crux.plan({ title: 't', metadata: { ['k\uDBFF']: 1 } }), 'NOT_SERIALIZABLE')
    assert.deepEqual(await crux.listPlans(), [])

    const def = crux.flow('values', async (flow) => {
      const result = await flow.step('r', () => ({ text: 'x\uDFFFy' })).catch((error) => error.code)
      const payload = await flow.suspend('w')
      return { result, payload }
    })
    await rejectsWith(def.start({ brief: '\uD83D' }), 'NOT_SERIALIZABLE')
    const handle = await def.start({ brief: 'fine 😀' })
    await untilStatus(handle, 'suspended', 'w')
    const bad = await rejectsWith(handle.signal('w', { note: 'half \uD83D' }), 'NOT_SERIALIZABLE')
    assert.deepEqual(bad.details, { path: '$.note' })
    await handle.signal('w', { note: 'whole 😀' })
    assert.deepEqual(await resultOf(handle), { result: 'NOT_SERIALIZABLE', payload: { note: 'whole 😀' } })
  })

  test('a well-formed string with astral characters round-trips unchanged', async (t) => {
    const crux = open(t)
    const text = 'é 😀 \u{10FFFF} \uFEFF end'
    const p = await crux.plan({ title: text, metadata: { [text]: text } })
    assert.equal((await crux.getPlan(p.id)).title, text)
    assert.deepEqual((await crux.getPlan(p.id)).metadata, { [text]: text })
  })
})

test('a revoked Proxy as metadata, step result or payload is NOT_SERIALIZABLE', async (t) => {
  const crux = open(t)
  await rejectsWith(crux.plan({ title: 't', metadata: revokedProxy() }), 'NOT_SERIALIZABLE')
  await rejectsWith(crux.plan({ title: 't', metadata: { deep: revokedProxy() } }), 'NOT_SERIALIZABLE')
  const def = crux.flow('proxies', async (flow) => {
    const code = await flow.step('r', () => revokedProxy()).catch((error) => error.code) // returned, not resolved: an async function's promise cannot resolve to a revoked Proxy
    await flow.suspend('w')
    return code
  })
  const handle = await def.start()
  await untilStatus(handle, 'suspended', 'w')
  await rejectsWith(handle.signal('w', revokedProxy()), 'NOT_SERIALIZABLE')
  await handle.signal('w', 1)
  assert.equal(await resultOf(handle), 'NOT_SERIALIZABLE')

  // Thrown from a body, a revoked Proxy still fails the run with a readable error.
  const thrower = crux.flow('throws-proxy', async () => {
    throw revokedProxy()
  })
  const failed = await untilStatus(await thrower.start(), 'failed')
  assert.match(failed.error.message, /revoked Proxy/)
})

test('updatePlan with ifVersion null is INVALID_ARGUMENT and changes nothing', async (t) => {
  const crux = open(t)
  const p = await crux.plan({ title: 't' })
  await rejectsWith(crux.updatePlan(p.id, { title: 'u' }, { ifVersion: null }), 'INVALID_ARGUMENT')
  assert.equal((await crux.getPlan(p.id)).version, 1)
})

describe('one owner for each limit', () => {
  test('a schema larger than the payload limit is refused at suspend', async (t) => {
    const crux = open(t)
    const def = crux.flow('big-schema', async (flow) =>
      flow.suspend('w', { schema: { description: 'd'.repeat(engineLimits().maxPayloadBytes) } }).catch((error) => error.code))
    assert.equal(await resultOf(await def.start()), 'PAYLOAD_TOO_LARGE')
  })

  test('a cancel reason past its limit is refused and the run keeps waiting', async (t) => {
    const crux = open(t)
    const def = crux.flow('cancel-big', async (flow) => flow.suspend('w'))
    const handle = await def.start()
    await untilStatus(handle, 'suspended', 'w')
    const error = await rejectsWith(handle.cancel('r'.repeat(5 * MiB)), 'PAYLOAD_TOO_LARGE')
    assert.match(error.message, /bytes of UTF-8; the limit is 16384/)
    assert.equal((await handle.status()).status, 'suspended')
    await handle.cancel('r'.repeat(engineLimits().maxReasonBytes))
    assert.equal((await handle.status()).status, 'cancelled')
  })

  test('names count characters (code points), not bytes', async (t) => {
    const crux = open(t)
    const { maxNameChars } = engineLimits()
    assert.equal(await resultOf(await crux.flow('é'.repeat(maxNameChars), async () => 1).start()), 1)
    await rejectsWith(crux.flow('é'.repeat(maxNameChars + 1), async () => 1).start(), 'INVALID_ARGUMENT')
    const error = await rejectsWith(crux.flow('ok', async () => 1).start(1, { flowId: '😀'.repeat(maxNameChars + 1) }), 'INVALID_ARGUMENT')
    assert.match(error.message, /at most 256 characters \(Unicode code points\)/)
  })

  test('nesting depth: the engine\'s limit, the same for a step result as for plan metadata', async (t) => {
    const crux = open(t)
    const { maxJsonDepth } = engineLimits()
    const nested = (levels) => {
      let value = 1
      for (let i = 0; i < levels; i++) value = [value]
      return value
    }
    // The plan's fields are the value given: { metadata: { deep: [...] } } is two levels deeper.
    await crux.plan({ title: 't', metadata: { deep: nested(maxJsonDepth - 2) } })
    await rejectsWith(crux.plan({ title: 't', metadata: { deep: nested(maxJsonDepth - 1) } }), 'INVALID_ARGUMENT')
    const def = crux.flow('deep', async (flow) => ({
      ok: (await flow.step('ok', () => nested(maxJsonDepth))).length,
      refused: await flow.step('deep', () => nested(maxJsonDepth + 1)).catch((error) => error.code),
    }))
    assert.deepEqual(await resultOf(await def.start()), { ok: 1, refused: 'INVALID_ARGUMENT' })
  })

  test('a timeout or sleep beyond 100 years is INVALID_ARGUMENT', async (t) => {
    const crux = open(t)
    const def = crux.flow('far', async (flow) => ({
      timeout: await flow.suspend('w', { timeout: 2 ** 53 }).catch((error) => error.code),
      sleep: await flow.sleep('s', '36526d').catch((error) => error.code),
    }))
    assert.deepEqual(await resultOf(await def.start()), { timeout: 'INVALID_ARGUMENT', sleep: 'INVALID_ARGUMENT' })
  })
})
