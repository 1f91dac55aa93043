// Numbers and escapes through the modules' JSON reader and writer, which answer nlohmann/json's
// calls to strtod and snprintf without musl's long double and floating-point printf
// (bindings/libc_numbers.cpp). In crux.wasm a plan's metadata is parsed and written again by the
// engine, so what comes back is what the module read; the references are JavaScript's JSON.parse
// and, for the hard cases, fixed bit patterns. crux-ai.wasm shows the parser's own messages, which crux.wasm's door
// sums up as "<what> is not valid JSON".
import { before, describe, test } from 'node:test'
import assert from 'node:assert/strict'

import { loadEngineModule } from '../../js/core/src/module.js'
import { engineModule as aiModule } from '../../js/ai/src/engine.js'

/** @type {import('../../js/core/src/module.d.ts').EngineModule} */
let engine

before(async () => {
  engine = await loadEngineModule()
  assert.match(engine.open('[]', new Uint8Array()), /^\{"ok":/)
})

function createPlan(fieldsText) {
  return JSON.parse(engine.planCreate(fieldsText, 0))
}

function metadataRoundTrip(valueText) {
  const reply = createPlan(`{"title":"n","metadata":{"x":${valueText}}}`)
  assert.ok(reply.ok, `${valueText}: ${JSON.stringify(reply.error)}`)
  return reply.ok.metadata.x
}

describe('JSON numbers in crux.wasm', () => {
  const texts = [
    '0.1', '0.30000000000000004', '1e-7', '-1.5e-5', '1E3', '1e+3', '2.5', '-0.0', '1.0',
    '3.141592653589793', '123456789012345678901234567890.123456789', '9007199254740993.0',
    // the smallest and largest doubles, subnormals, and the halfway cases between them
    '5e-324', '4.9406564584124654e-324', '2.4703282292062327e-324', '2.4703282292062328e-324',
    '2.2250738585072011e-308', '2.2250738585072014e-308', '1.7976931348623157e308', '1.7976931348623158e308',
    // more digits than a double holds, halfway between two doubles after many digits
    '9007199254740993.00000000000000000000000000001', '0.' + '1'.repeat(800),
    '1' + '0'.repeat(300) + '.5', '1e-400',
  ]
  for (const text of texts) {
    test(`${text.length > 40 ? text.slice(0, 37) + '…' : text} reads as the double JSON.parse gives`, () => {
      const value = metadataRoundTrip(text)
      assert.ok(Object.is(value, JSON.parse(text)), `${text} came back as ${value}`)
    })
  }

  // The same texts' doubles as Python's float() gives them (David Gay's correctly rounded
  // conversion), as bits: a reference that is not JavaScript's own.
  const bits = [
    ['0.1', '3fb999999999999a'], ['5e-324', '0000000000000001'],
    ['2.4703282292062327e-324', '0000000000000000'], ['2.4703282292062328e-324', '0000000000000001'],
    ['2.2250738585072011e-308', '000fffffffffffff'], ['1.7976931348623158e308', '7fefffffffffffff'],
    ['9007199254740993.00000000000000000000000000001', '4340000000000001'], ['1e-400', '0000000000000000'],
    // integers past 64 bits: the lexer's strtoull overflows and hands them to strtod
    ['18446744073709551616', '43f0000000000000'], ['-9223372036854775809', 'c3e0000000000000'],
  ]
  for (const [text, hex] of bits) {
    test(`${text.length > 40 ? text.slice(0, 37) + '…' : text} reads as the double ${hex}`, () => {
      const view = new DataView(new ArrayBuffer(8))
      view.setFloat64(0, metadataRoundTrip(text))
      assert.equal(view.getBigUint64(0).toString(16).padStart(16, '0'), hex)
    })
  }

  test('integers stay integers, beyond 2^53 too', () => {
    assert.equal(createPlan('{"title":"n","metadata":{"x":18446744073709551615,"y":-9223372036854775808}}').ok.metadata.x, 18446744073709551615)
    const reply = engine.planCreate('{"title":"n","metadata":{"x":9007199254740993}}', 0)
    assert.match(reply, /"x":9007199254740993\b/)
  })

  test('a number too large for a double is INVALID_ARGUMENT, and the module goes on', async () => {
    const { error } = createPlan('{"title":"n","metadata":{"x":1e400}}')
    assert.deepEqual(error, { code: 'INVALID_ARGUMENT', message: 'plan fields is not valid JSON' })
    assert.equal(metadataRoundTrip('0.5'), 0.5)
    const ai = await aiModule()
    const reply = JSON.parse(ai.startGeneration('{"provider":"offline","model":"offline","prompt":"x","temperature":1e400}'))
    assert.equal(reply.error.code, 'INVALID_ARGUMENT')
    assert.match(reply.error.message, /^not valid JSON: .*number overflow parsing '1e400'/)
  })
})

describe('JSON string escapes in crux.wasm', () => {
  test('control characters are written as \\u escapes and read back the same', () => {
    const title = 'a\u0001b\u001fc\u007f\n\t"\\'
    const reply = engine.planCreate(JSON.stringify({ title }), 0)
    assert.match(reply, /a\\u0001b\\u001fc/)
    assert.equal(JSON.parse(reply).ok.title, title)
  })

  test('a raw control character in JSON text is INVALID_ARGUMENT naming it as <U+XXXX>', async () => {
    const { error } = createPlan('{"title":"a\u0001b"}')
    assert.deepEqual(error, { code: 'INVALID_ARGUMENT', message: 'plan fields is not valid JSON' })
    assert.equal(metadataRoundTrip('0.25'), 0.25)
    const ai = await aiModule()
    const reply = JSON.parse(ai.startGeneration('{"provider":"offline","model":"offline","prompt":"a\u001fb"}'))
    assert.equal(reply.error.code, 'INVALID_ARGUMENT')
    assert.match(reply.error.message, /control character U\+001F \(US\) must be escaped.*last read: '"a<U\+001F>'/)
  })
})
