// Hostile schemas through the public API on the real WASM build: a payload too costly to check
// is refused promptly with SIGNAL_INVALID (the instance keeps working), and a schema no value
// could get through is refused at suspend with INVALID_ARGUMENT.
import 'fake-indexeddb/auto'
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'

import { createCrux, InvalidArgumentError, SignalInvalidError } from '@crux/core'

import { rejectsWith, resultOf, uniqueName, untilStatus } from './support.mjs'

function open(t) {
  const crux = createCrux({ name: uniqueName('schema-limits') })
  t.after(() => crux.close())
  return crux
}

/** Both branches recurse into the items: without a budget, each level doubles the work. */
const doublingAnyOf = {
  anyOf: [
    { type: 'array', items: { $ref: '#' } },
    { type: 'array', minItems: 1, items: { $ref: '#' } },
    { type: 'string' },
  ],
}

function nestedArrays(depth) {
  let value = 1
  for (let i = 0; i < depth; i++) value = [value]
  return value
}

function refChain(count) {
  const $defs = {}
  for (let i = 0; i < count; i++) $defs[`d${i}`] = { $ref: `#/$defs/d${i + 1}` }
  $defs[`d${count}`] = { type: 'string' }
  return { $ref: '#/$defs/d0', $defs }
}

describe('schema limits', () => {
  test('a payload too costly to check is refused with SIGNAL_INVALID, promptly; the wait keeps working', async (t) => {
    const crux = open(t)
    const def = crux.flow('hostile-any-of', async (flow) => flow.suspend('w', { schema: doublingAnyOf }))
    const handle = await def.start()
    await untilStatus(handle, 'suspended', 'w')

    const started = performance.now()
    const error = await rejectsWith(() => handle.signal('w', nestedArrays(25)), 'SIGNAL_INVALID', SignalInvalidError)
    const elapsed = performance.now() - started
    console.log(`# 25-deep payload against the doubling anyOf refused in ${elapsed.toFixed(1)} ms`)
    assert.match(error.message, /too costly to check against this schema/)

    const status = await handle.status()
    assert.equal(status.status, 'suspended')
    assert.equal(status.waitingFor, 'w')
    await handle.signal('w', [['ok'], []])
    assert.deepEqual(await resultOf(handle), [['ok'], []])
  })

  test('a chain of 3,000 $refs is refused at suspend with INVALID_ARGUMENT naming the limit', async (t) => {
    const crux = open(t)
    let caught
    const def = crux.flow('ref-chain', async (flow) => {
      try {
        await flow.suspend('w', { schema: refChain(3000) })
      } catch (error) {
        caught = error
        throw error
      }
    })
    const handle = await def.start()
    // The body's suspend rejects with the typed error, and the run fails with it.
    const error = await rejectsWith(() => resultOf(handle), 'INVALID_ARGUMENT')
    assert.ok(caught instanceof InvalidArgumentError)
    for (const seen of [caught, error]) {
      assert.match(seen.message, /invalid schema at #\/\$defs\/d\d+/)
      assert.match(seen.message, /more than 256 subschemas would apply to one value in a chain/)
    }
    assert.equal((await handle.status()).status, 'failed')
  })

  test('a $ref cycle that never reaches a value is refused at suspend', async (t) => {
    const crux = open(t)
    const schema = { $defs: { a: { $ref: '#/$defs/b' }, b: { $ref: '#/$defs/a' } }, $ref: '#/$defs/a' }
    const handle = await crux.flow('ref-cycle', async (flow) => flow.suspend('w', { schema })).start()
    const error = await rejectsWith(() => resultOf(handle), 'INVALID_ARGUMENT')
    assert.match(error.message, /\$ref cycle/)
  })
})
