// JSON Schema `pattern` through the public API on the real WASM build, compared with V8's own
// RegExp with the `u` flag (the dialect JSON Schema specifies): a run suspends with
// { type: 'string', pattern } and each input is signalled; it must be accepted exactly when
// `new RegExp(pattern, 'u').test(input)`. The patterns include what zod 4 emits.
import 'fake-indexeddb/auto'
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { z } from 'zod'

import { createCrux } from '@crux/core'

import { uniqueName, untilStatus, resultOf } from './support.mjs'

const zodPatterns = Object.entries({
  email: z.email(),
  uuid: z.uuid(),
  guid: z.guid(),
  datetime: z.iso.datetime(),
  date: z.iso.date(),
  time: z.iso.time(),
  duration: z.iso.duration(),
  ipv4: z.ipv4(),
  ipv6: z.ipv6(),
  cidrv4: z.cidrv4(),
  base64: z.base64(),
  base64url: z.base64url(),
  emoji: z.emoji(),
  cuid: z.cuid(),
  ulid: z.ulid(),
  nanoid: z.nanoid(),
  e164: z.e164(),
  hostname: z.hostname(),
  startsWith: z.string().startsWith('a.b'),
  endsWith: z.string().endsWith('(x)'),
}).map(([name, schema]) => [`zod ${name}`, z.toJSONSchema(schema).pattern])

/** [label, pattern, inputs specific to it]; every pattern also gets `commonInputs`. */
const table = [
  ...zodPatterns.map(([label, pattern]) => [label, pattern, []]),
  ['simple email', '^[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}$', ['a.b@c.de', 'a@b.c', 'A@b.cd', 'a@b.cd\n']],
  ['classes', '^[\\w.-]+$', ['a-b.c_d', 'a b', 'é']],
  ['negated class', '^[^\\s,]+$', ['abc', 'a,b', 'a\u00a0b', '\ufeff']],
  ['white space', '^\\s+$', [' ', '\t\n\v\f\r', '\u00a0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000\ufeff', '\u200b', '\u180e']],
  ['BOM in data', '^\\s$', ['\ufeff', '\ufeffx']],
  ['BOM in pattern', '\ufeffx', ['x', '\ufeffx', 'a\ufeffx']],
  ['BOM anchored', '^\ufeff?x$', ['x', '\ufeffx', '\ufeff\ufeffx']],
  ['dot', '^.{3}$', ['abc', 'a\nc', '😀😀😀', 'a\u2028c', '\r\r\r']],
  ['astral escapes', '^\\u{1F600}\\uD83D\\uDE01[\\u{1F602}-\\u{1F604}]$', ['😀😁😃', '😀😁😅']],
  ['control and hex', '^\\cA\\x41\\u0042\\t$', ['\u0001AB\t', 'AB\t']],
  ['alternation', '^(?:cat|dog|)s?$', ['cats', 'dog', '', 's', 'bird']],
  ['counts', '^a{2}b{1,3}c{2,}$', ['aabcc', 'aabbbccc', 'abcc', 'aabbbbcc']],
  ['lazy', '^<.+?>$', ['<a>', '<a><b>', '<>']],
  ['lookahead', '^(?=.*[A-Z])(?=.*\\d)(?!.*\\s).{8,}$', ['Password1', 'password1', 'Pass word1', 'P1']],
  ['lookbehind', '(?<=\\$)\\d+(?!\\d)', ['$100', '100', 'cost $5.']],
  ['negative lookbehind', '^(?:(?<!a)b)+$', ['bbb', 'ab']],
  ['backreference', '^(\\w)\\w*\\1$', ['abca', 'abcb', 'aa', 'a']],
  ['named backreference', '^(?<q>["\']).*\\k<q>$', ['"x"', "'x'", '"x\'']],
  ['word boundary', '\\bcat\\b', ['a cat.', 'concat', 'cat']],
  ['not word boundary', '\\Bcat', ['concat', 'cat']],
  ['unicode property', '^\\p{Lu}\\p{Ll}+$', ['Élan', 'élan', 'Ωmega', 'Abc1']],
  ['script property', '^\\p{Script=Greek}+$', ['αβγ', 'abc']],
  ['negated property', '^\\P{L}+$', ['123 !', 'a1']],
  ['catastrophic shape, matching', '^(a+)+$', ['aaaa', 'aaab']],
  ['nested quantifiers', '^(\\w+\\s?)+$', ['hello world', 'hello world!']],
  ['empty loop', '^(?:a|)*b$', ['aab', 'b', 'c']],
]

const commonInputs = ['', 'a', 'abc', 'x', ' ', '\ufeff', '\ufeffx', 'a\nb', '😀', 'é', '0', 'A.b@example.com']

const invalidPatterns = ['(', '[a', 'a{', '{1}', 'a**', '\\a', '\\-', '(?<n>a)(?<n>b)', '\\1', '(?=a)*', '\\p{NotAProperty}', ']', '}']

let crux
let waiter

before(() => {
  crux = createCrux({ name: uniqueName('patterns'), storage: 'memory' })
  waiter = crux.flow('pattern-waiter', async (flow) => {
    try {
      return { value: await flow.suspend('value', { schema: { type: 'string', pattern: flow.input.pattern } }) }
    } catch (error) {
      return { error: error.code }
    }
  })
})

after(() => crux.close())

/** Whether a run suspended with `pattern` accepts each input (true) or refuses it with SIGNAL_INVALID. */
async function verdicts(pattern, inputs) {
  const answers = []
  let handle = null
  for (const input of inputs) {
    if (!handle) {
      handle = await waiter.start({ pattern })
      await untilStatus(handle, 'suspended', 'value')
    }
    try {
      await crux.signalFlow(handle.flowId, 'value', input)
      answers.push(true)
      assert.deepEqual(await resultOf(handle), { value: input })
      handle = null
    } catch (error) {
      if (error.code !== 'SIGNAL_INVALID') throw error
      answers.push(false)
    }
  }
  if (handle) await handle.cancel()
  return answers
}

describe('pattern: the same answer as RegExp with the u flag', () => {
  for (const [label, pattern, inputs] of table) {
    test(`${label}: ${pattern.length > 60 ? pattern.slice(0, 60) + '…' : pattern}`, async () => {
      const all = [...inputs, ...commonInputs]
      const expected = all.map((input) => new RegExp(pattern, 'u').test(input))
      const got = await verdicts(pattern, all)
      const report = all.map((input, i) => `${JSON.stringify(input)}: expected ${expected[i]}, got ${got[i]}`)
      assert.deepEqual(got, expected, report.join('\n'))
    })
  }

  test('patterns RegExp refuses with the u flag are INVALID_ARGUMENT at suspend', async () => {
    for (const pattern of invalidPatterns) {
      assert.throws(() => new RegExp(pattern, 'u'), SyntaxError, pattern)
      const handle = await waiter.start({ pattern })
      assert.deepEqual(await resultOf(handle), { error: 'INVALID_ARGUMENT' }, pattern)
    }
  })
})

describe('a hostile pattern cannot freeze the instance', () => {
  test("^(a+)+$ against 30 a's and a b is refused in well under a second, then all works", async () => {
    const handle = await waiter.start({ pattern: '^(a+)+$' })
    await untilStatus(handle, 'suspended', 'value')
    const started = performance.now()
    await assert.rejects(crux.signalFlow(handle.flowId, 'value', 'a'.repeat(30) + 'b'), { code: 'SIGNAL_INVALID' })
    const elapsed = performance.now() - started
    assert.ok(elapsed < 500, `refused after ${elapsed.toFixed(0)} ms`)
    // Even longer inputs stay fast, and the same run still takes a good payload.
    await assert.rejects(crux.signalFlow(handle.flowId, 'value', 'a'.repeat(100_000) + 'b'), { code: 'SIGNAL_INVALID' })
    await crux.signalFlow(handle.flowId, 'value', 'aaaa')
    assert.deepEqual(await resultOf(handle), { value: 'aaaa' })
  })
})
