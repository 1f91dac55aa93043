// The JS infrastructure of @crux/core: JSON text, typed errors, schemas, loading the WASM
// module in Node. Storage has its own file (storage-transactions.test.mjs).
import 'fake-indexeddb/auto'
import { before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { z } from 'zod'

import { toJsonText } from '../../js/core/src/json.js'
import { engineLimits } from '../../js/core/src/limits.js'
import { loadEngineModule } from '../../js/core/src/module.js'
import * as errors from '../../js/core/src/errors.js'
import { describeSchema, validateStandard } from '../../js/core/src/schema.js'

// toJsonText refuses what the engine would, with the engine's own limits: load it first.
const MAX_DEPTH = 512
before(async () => {
  await loadEngineModule()
  assert.equal(engineLimits().maxJsonDepth, MAX_DEPTH)
})

function revokedProxy() {
  const { proxy, revoke } = Proxy.revocable({}, {})
  revoke()
  return proxy
}

describe('toJsonText', () => {
  test('writes what JSON.stringify writes for JSON values', () => {
    const shared = { k: [1, 2] }
    const values = [
      null, true, false, 0, -0, 1.5, 1e21, -3e-7, '', 'é "quoted" \\ \n \u2028 \u0000 😀',
      [], {}, [1, 'two', [3], { four: 4 }], { a: { b: { c: [null, true] } } },
      { when: new Date(Date.UTC(2024, 0, 2)) }, [shared, shared], Object.create(null),
      { 'key with spaces': 1, '': 2, 3: 'three' },
    ]
    for (const value of values) assert.equal(toJsonText(value, 'value'), JSON.stringify(value))
  })

  test('undefined: the whole value, dropped in objects, null in arrays', () => {
    assert.equal(toJsonText(undefined, 'value'), undefined)
    assert.equal(toJsonText({ a: undefined, b: 1 }, 'value'), '{"b":1}')
    assert.equal(toJsonText([undefined, 1], 'value'), '[null,1]')
  })

  test('toJSON is used, with its result checked too', () => {
    assert.equal(toJsonText({ toJSON: () => ({ x: 1 }) }, 'value'), '{"x":1}')
    assert.equal(toJsonText({ d: new Date(NaN) }, 'value'), '{"d":null}')
    assert.throws(() => toJsonText({ v: { toJSON: () => () => 1 } }, 'value'), { code: 'NOT_SERIALIZABLE' })
  })

  const refused = [
    [{ a: { b: () => 1 } }, '$.a.b', 'a function'],
    [{ s: Symbol('s') }, '$.s', 'a symbol'],
    [{ n: 10n }, '$.n', 'a bigint'],
    [[1, NaN], '$[1]', 'NaN'],
    [{ x: [Infinity] }, '$.x[0]', 'Infinity'],
    [{ x: -Infinity }, '$.x', '-Infinity'],
    [{ m: new Map() }, '$.m', 'a Map'],
    [{ s: new Set([1]) }, '$.s', 'a Set'],
    [{ bytes: new Uint8Array(2) }, '$.bytes', 'a Uint8Array'],
    [{ 'odd key': new (class Point {})() }, '$["odd key"]', 'a Point'],
    [() => 1, '$', 'a function'],
    [{ lone: 'a\uD800b' }, '$.lone', 'a string with a lone UTF-16 surrogate'],
    [['ok', '\uDFFF'], '$[1]', 'a string with a lone UTF-16 surrogate'],
    [{ ['k\uDBFF']: 1 }, '$["k\\udbff"]', 'a key with a string with a lone UTF-16 surrogate'],
    [{ p: revokedProxy() }, '$.p', 'a revoked Proxy'],
    [{ p: { toJSON: () => revokedProxy() } }, '$.p', 'a revoked Proxy'],
  ]
  for (const [value, path, description] of refused) {
    test(`refuses ${description} at ${path}`, () => {
      assert.throws(
        () => toJsonText(value, 'step "draft" result'),
        (error) => {
          assert.ok(error instanceof errors.NotSerializableError)
          assert.equal(error.code, 'NOT_SERIALIZABLE')
          assert.deepEqual(error.details, { path })
          const where = path === '$' ? '' : ` at ${path}`
          assert.match(error.message, new RegExp(`^step "draft" result${escape(where)} is ${escape(description)}\\b`))
          return true
        },
      )
    })
  }

  test('refuses cycles but not shared references', () => {
    const a = { list: [] }
    a.list.push({ back: a })
    assert.throws(() => toJsonText(a, 'input'), { code: 'NOT_SERIALIZABLE', details: { path: '$.list[0].back' } })
    const shared = { x: 1 }
    assert.equal(toJsonText({ a: shared, b: [shared] }, 'input'), '{"a":{"x":1},"b":[{"x":1}]}')
  })

  test(`refuses nesting deeper than ${MAX_DEPTH} levels with a path, and takes ${MAX_DEPTH}`, () => {
    const nest = (levels) => {
      let value = 1
      for (let i = 0; i < levels; i++) value = i % 2 ? { a: value } : [value]
      return value
    }
    assert.equal(toJsonText(nest(MAX_DEPTH), 'input'), JSON.stringify(nest(MAX_DEPTH)))
    assert.throws(() => toJsonText(nest(MAX_DEPTH + 1), 'input'), (error) => {
      assert.equal(error.code, 'INVALID_ARGUMENT')
      assert.match(error.message, /^input at \$\[0\]\.a.{40,}….{40,} is nested more than 512 levels deep$/)
      assert.equal(error.details.path, '$' + '[0].a'.repeat(MAX_DEPTH / 2))
      return true
    })
    assert.throws(() => toJsonText(nest(200_000), 'input'), { code: 'INVALID_ARGUMENT' })
  })
})

describe('errors', () => {
  const expected = {
    INVALID_ARGUMENT: 'InvalidArgumentError',
    FLOW_NOT_FOUND: 'FlowNotFoundError',
    FLOW_CLOSED: 'FlowClosedError',
    SIGNAL_INVALID: 'SignalInvalidError',
    SUSPEND_TIMEOUT: 'SuspendTimeoutError',
    NON_DETERMINISTIC: 'NonDeterministicError',
    NOT_SERIALIZABLE: 'NotSerializableError',
    PLAN_NOT_FOUND: 'PlanNotFoundError',
    PLAN_CONFLICT: 'PlanConflictError',
    STORAGE_CORRUPT: 'StorageCorruptError',
    STORAGE_UNAVAILABLE: 'StorageUnavailableError',
    GENERATE_FAILED: 'GenerateFailedError',
    PAYLOAD_TOO_LARGE: 'PayloadTooLargeError',
    ENGINE_UNAVAILABLE: 'EngineUnavailableError',
  }

  test('one subclass per code, made by errorFromCode', () => {
    assert.deepEqual([...errors.ERROR_CODES].sort(), Object.keys(expected).sort())
    for (const [code, name] of Object.entries(expected)) {
      const error = errors.errorFromCode(code, `${code} happened`, { at: 3 })
      assert.ok(error instanceof errors[name], name)
      assert.ok(error instanceof errors.CruxError)
      assert.ok(error instanceof Error)
      assert.equal(error.name, name)
      assert.equal(error.code, code)
      assert.equal(error.message, `${code} happened`)
      assert.deepEqual(error.details, { at: 3 })
      assert.equal(new errors[name]('direct').code, code)
    }
    assert.equal('details' in errors.errorFromCode('FLOW_CLOSED', 'closed'), false)
  })

  test('cause is kept', () => {
    const cause = new Error('quota')
    assert.equal(new errors.StorageUnavailableError('no', { cause }).cause, cause)
  })

  test('errorFromRecord revives Crux codes as subclasses and keeps other errors', () => {
    const crux = errors.errorFromRecord({ name: 'InvalidArgumentError', code: 'INVALID_ARGUMENT', message: 'bad', details: { p: 1 } })
    assert.ok(crux instanceof errors.InvalidArgumentError)
    assert.equal(crux.message, 'bad')
    assert.deepEqual(crux.details, { p: 1 })

    const plain = errors.errorFromRecord({ name: 'TypeError', message: 'x is not a function' })
    assert.ok(!(plain instanceof errors.CruxError))
    assert.equal(plain.name, 'TypeError')
    assert.equal(plain.message, 'x is not a function')
    assert.equal('code' in plain, false)

    const coded = errors.errorFromRecord({ name: 'Error', code: 'ECONNRESET', message: 'reset' })
    assert.ok(!(coded instanceof errors.CruxError))
    assert.equal(coded.code, 'ECONNRESET')
  })
})

describe('schemas', () => {
  const approval = z.object({ approved: z.boolean(), revisions: z.string().optional() })

  test('a zod 4 schema gives its input JSON Schema and stays the Standard Schema', () => {
    const { jsonSchema, standard } = describeSchema(approval)
    assert.equal(standard, approval)
    assert.equal(jsonSchema.type, 'object')
    assert.deepEqual(jsonSchema.required, ['approved'])
    assert.deepEqual(jsonSchema.properties, { approved: { type: 'boolean' }, revisions: { type: 'string' } })
  })

  test('a JSON Schema object passes through; nothing else is a schema', () => {
    const schema = { type: 'object', required: ['approved'] }
    assert.deepEqual(describeSchema(schema), { jsonSchema: schema, standard: undefined })
    assert.deepEqual(describeSchema(undefined), { jsonSchema: undefined, standard: undefined })
    for (const bad of [42, 'object', null, [], new Map(), () => {}]) {
      assert.throws(() => describeSchema(bad), { code: 'INVALID_ARGUMENT' })
    }
  })

  test('a member JSON Schema cannot express does not lose the rest', () => {
    const { jsonSchema } = describeSchema(z.object({ when: z.date(), note: z.string() }))
    assert.deepEqual(jsonSchema.required, ['when', 'note'])
    assert.deepEqual(jsonSchema.properties.note, { type: 'string' })
  })

  test('validateStandard returns the output or lists each failing path', async () => {
    assert.deepEqual(await validateStandard(approval, { approved: true, extra: 1 }), { approved: true })
    await assert.rejects(validateStandard(approval, { approved: 'yes', revisions: 3 }), (error) => {
      assert.ok(error instanceof errors.SignalInvalidError)
      assert.match(error.message, /\/approved: /)
      assert.match(error.message, /\/revisions: /)
      assert.deepEqual(error.details.map((issue) => issue.path), ['/approved', '/revisions'])
      return true
    })
  })
})

describe('engine module and storage', () => {
  const distWasm = new URL('../../js/core/dist/crux.wasm', import.meta.url)
  let loadEngineModule

  test('the built module loads in Node (run `npm run build` first)', async () => {
    assert.ok(existsSync(distWasm), `${distWasm.pathname} is missing: run \`npm run build\``)
    ;({ loadEngineModule } = await import('../../js/core/src/module.js'))
    const [first, second] = await Promise.all([loadEngineModule(), loadEngineModule()])
    assert.notEqual(first, second)
    for (const module of [first, second]) {
      assert.equal(typeof module.open, 'function')
      assert.equal(typeof module.stepBegin, 'function')
      // The LLM wire formats are @crux/ai's module, and the store needs no Emscripten file system.
      assert.equal(module.Generation, undefined)
      assert.equal(module.FS, undefined)
    }
    // Each instance is one engine: opening a store in one leaves the other closed.
    assert.match(first.open('[]', new Uint8Array()), /^\{"ok":/)
    assert.equal(first.nextDeadline(), '{"ok":null}')
    assert.match(second.nextDeadline(), /^\{"error":\{"code":"STORAGE_UNAVAILABLE","message":"the store is not open"/)
  })

  test('the browser loader fetches crux.wasm beside the package once, with or without application/wasm', async () => {
    const { default: createCruxModule } = await import('../../js/core/dist/crux.mjs')
    const realFetch = globalThis.fetch
    try {
      for (const contentType of ['application/wasm', 'application/octet-stream']) {
        const fetched = []
        globalThis.fetch = async (url) => {
          fetched.push(String(url))
          return new Response(await readFile(url), { headers: { 'content-type': contentType } })
        }
        const { moduleLoader } = await import('../../js/core/src/wasm-web.js')
        const loadModuleOptions = moduleLoader(distWasm, "@crux/core's dist/crux.wasm")
        const options = await loadModuleOptions()
        await loadModuleOptions()
        assert.deepEqual(fetched, [distWasm.href])
        assert.equal(options.locateFile('crux.wasm'), distWasm.href)
        const module = await createCruxModule(options)
        assert.equal(typeof module.open, 'function')
      }
    } finally {
      globalThis.fetch = realFetch
    }
  })

  test('a failed instantiation is reported instead of leaving the module waiting', async () => {
    const { instantiateOptions } = await import('../../js/core/src/wasm-instantiate.js')
    // (module (import "a" "b" (func))): instantiating it without that import fails.
    const bytes = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 2, 7, 1, 1, 97, 1, 98, 0, 0])
    const compiled = await WebAssembly.compile(bytes)
    const failure = await new Promise((resolve) => {
      const exports = instantiateOptions(compiled, resolve).instantiateWasm({}, () => resolve('instantiated?'))
      assert.deepEqual(exports, {})
    })
    assert.ok(failure instanceof Error)
  })

})

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
