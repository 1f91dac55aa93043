// @crux/ai over real HTTP on 127.0.0.1 against a server that speaks the OpenAI Chat Completions
// and Anthropic Messages formats (tests/node/support/llm-server.mjs), on the real WASM build.
import 'fake-indexeddb/auto'
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'

import { generate, GenerateFailedError } from '@crux/ai'
import { openai } from '@crux/ai/openai'
import { anthropic } from '@crux/ai/anthropic'
import { createCrux } from '@crux/core'

import { startLlmServer, streamBytes, splitBytes } from './support/llm-server.mjs'
import { rejectsWith, uniqueName, untilStatus, within } from './support.mjs'

const OPENAI_KEY = 'sk-test-openai-0123456789abcdef'
const ANTHROPIC_KEY = 'sk-ant-test-0123456789abcdef'
let server
let gpt
let claude

before(async () => {
  server = await startLlmServer({ apiKeys: { openai: OPENAI_KEY, anthropic: ANTHROPIC_KEY } })
  gpt = openai('gpt-4o', { baseURL: server.openaiBaseURL, apiKey: OPENAI_KEY })
  claude = anthropic('claude-sonnet-4-5', { baseURL: server.anthropicBaseURL, apiKey: ANTHROPIC_KEY })
})
after(() => server.close())

const lastRequest = () => server.requests.at(-1)
const collect = () => {
  const deltas = []
  return { deltas, onToken: (d) => deltas.push(d) }
}
const UNICODE = 'Grüße, wörld 👋 — 日本語 ✓ done'

describe('OpenAI Chat Completions', () => {
  test('a plain call: the request as the API wants it, the reply as generate gives it', async () => {
    server.script('openai', { text: 'Hello there', usage: { inputTokens: 12, outputTokens: 3 } })
    const result = await generate('Plan: {{brief}}', { model: gpt, input: { brief: 'ship it' }, system: 'Be brief.', temperature: 0.2, maxTokens: 50 })
    assert.deepEqual(result, {
      text: 'Hello there',
      usage: { inputTokens: 12, outputTokens: 3, totalTokens: 15 },
      finishReason: 'stop',
      model: 'gpt-4o',
    })
    const request = lastRequest()
    assert.equal(request.path, '/openai/v1/chat/completions')
    assert.equal(request.headers.authorization, `Bearer ${OPENAI_KEY}`)
    assert.deepEqual(request.body, {
      model: 'gpt-4o',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Plan: ship it' },
      ],
      temperature: 0.2,
      max_tokens: 50,
    })
  })

  test('streaming: onToken per delta, [DONE], usage and finish reason', async () => {
    server.script('openai', { text: UNICODE, finishReason: 'length', usage: { inputTokens: 4, outputTokens: 9 } })
    const { deltas, onToken } = collect()
    const result = await generate('hi', { model: gpt, onToken })
    assert.ok(deltas.length > 3)
    assert.equal(deltas.join(''), UNICODE)
    assert.deepEqual(result, { text: UNICODE, usage: { inputTokens: 4, outputTokens: 9, totalTokens: 13 }, finishReason: 'length', model: 'gpt-4o' })
    assert.equal(lastRequest().body.stream, true)
    assert.deepEqual(lastRequest().body.stream_options, { include_usage: true })
  })

  test('a message array goes as it is', async () => {
    await generate(
      [
        { role: 'system', content: 'S' },
        { role: 'user', content: 'U {{x}}' },
        { role: 'assistant', content: 'A' },
        { role: 'user', content: 'U2' },
      ],
      { model: gpt },
    )
    assert.deepEqual(lastRequest().body.messages.map((m) => m.role + ':' + m.content), ['system:S', 'user:U {{x}}', 'assistant:A', 'user:U2'])
  })
})

describe('Anthropic Messages', () => {
  test('a plain call: x-api-key, anthropic-version, max_tokens, system lifted out', async () => {
    server.script('anthropic', { text: 'Bonjour', usage: { inputTokens: 7, outputTokens: 2 } })
    const result = await generate([{ role: 'system', content: 'Sys' }, { role: 'user', content: 'Hi' }], { model: claude })
    assert.deepEqual(result, { text: 'Bonjour', usage: { inputTokens: 7, outputTokens: 2, totalTokens: 9 }, finishReason: 'stop', model: 'claude-sonnet-4-5' })
    const request = lastRequest()
    assert.equal(request.path, '/anthropic/v1/messages')
    assert.equal(request.headers['x-api-key'], ANTHROPIC_KEY)
    assert.equal(request.headers['anthropic-version'], '2023-06-01')
    assert.equal(request.headers.authorization, undefined)
    assert.deepEqual(request.body, { model: 'claude-sonnet-4-5', max_tokens: 4096, system: 'Sys', messages: [{ role: 'user', content: 'Hi' }] })
  })

  test('streaming with every event type: message_start, ping, deltas, message_delta, message_stop', async () => {
    server.script('anthropic', { text: UNICODE, finishReason: 'length', usage: { inputTokens: 5, outputTokens: 11 } })
    const { deltas, onToken } = collect()
    const result = await generate('hi', { model: claude, onToken })
    assert.equal(deltas.join(''), UNICODE)
    assert.deepEqual(result, { text: UNICODE, usage: { inputTokens: 5, outputTokens: 11, totalTokens: 16 }, finishReason: 'length', model: 'claude-sonnet-4-5' })
  })
})

describe('SSE chunking', () => {
  for (const [route, endpoint, model] of [
    ['openai', 'chat.completions', () => gpt],
    ['anthropic', 'messages', () => claude],
  ]) {
    test(`${route}: the stream split at every byte boundary gives the same deltas`, async () => {
      const text = 'Hé 👋 ok'
      const bytes = streamBytes(endpoint, text, { model: route === 'openai' ? 'gpt-4o' : 'claude-sonnet-4-5' })
      for (let cut = 1; cut < bytes.length; cut++) {
        server.script(route, { streamChunks: [bytes.subarray(0, cut), bytes.subarray(cut)], chunkDelayMs: 1 })
        const { deltas, onToken } = collect()
        const result = await generate('x', { model: model(), onToken })
        assert.equal(result.text, text, `cut at byte ${cut}`)
        assert.equal(deltas.join(''), text, `cut at byte ${cut}`)
      }
    })

    test(`${route}: one byte per chunk, multi-byte characters split across chunks`, async () => {
      const bytes = streamBytes(endpoint, UNICODE, { model: 'm' })
      server.script(route, { streamChunks: splitBytes(bytes, 1), chunkDelayMs: 0 })
      const { deltas, onToken } = collect()
      const result = await generate('x', { model: model(), onToken })
      assert.equal(result.text, UNICODE)
      assert.equal(deltas.join(''), UNICODE)
      server.script(route, { text: UNICODE, splitEvery: 3 })
      assert.equal((await generate('x', { model: model(), onToken: () => {} })).text, UNICODE)
    })
  }
})

describe('errors and retries', () => {
  test('401 surfaces the provider message, is not retried, and never shows the key', async () => {
    const before = server.requests.length
    const wrong = openai('gpt-4o', { baseURL: server.openaiBaseURL, apiKey: 'sk-wrong-key-0123456789' })
    const error = await rejectsWith(generate('x', { model: wrong }), 'GENERATE_FAILED', GenerateFailedError)
    assert.equal(server.requests.length - before, 1)
    assert.equal(error.details.status, 401)
    assert.equal(error.details.retryable, false)
    assert.equal(error.details.code, 'invalid_api_key')
    assert.match(error.message, /^openai: HTTP 401: Incorrect API key provided/)
    assert.doesNotMatch(`${error.message} ${JSON.stringify(error.details)} ${error.stack}`, /sk-wrong-key-0123456789/)
  })

  test('400 with the provider message (OpenAI and Anthropic)', async () => {
    server.script('openai', { status: 400, message: "Invalid value for 'temperature'", type: 'invalid_request_error', param: 'temperature' })
    const fromOpenai = await rejectsWith(generate('x', { model: gpt }), 'GENERATE_FAILED')
    assert.equal(fromOpenai.message, "openai: HTTP 400: Invalid value for 'temperature'")
    assert.equal(fromOpenai.details.type, 'invalid_request_error')
    server.script('anthropic', { status: 400, message: 'messages: at least one message is required', type: 'invalid_request_error' })
    const fromAnthropic = await rejectsWith(generate('x', { model: claude }), 'GENERATE_FAILED')
    assert.equal(fromAnthropic.message, 'anthropic: HTTP 400: messages: at least one message is required')
    assert.equal(fromAnthropic.details.providerMessage, 'messages: at least one message is required')
  })

  test('429 with Retry-After, then success', async () => {
    const before = server.requests.length
    server.script('openai', { status: 429, message: 'Rate limit reached', type: 'requests', headers: { 'retry-after': '0' } }, { text: 'after the wait' })
    const { deltas, onToken } = collect()
    const result = await generate('x', { model: gpt, onToken })
    assert.equal(result.text, 'after the wait')
    assert.equal(deltas.join(''), 'after the wait')
    assert.equal(server.requests.length - before, 2)
  })

  test('Anthropic 529 overloaded, then success', async () => {
    server.script('anthropic', { status: 529, headers: { 'retry-after': '0' } }, { text: 'ok now' })
    assert.equal((await generate('x', { model: claude })).text, 'ok now')
  })

  test('500 three times: two retries, then GENERATE_FAILED', async () => {
    const before = server.requests.length
    server.script('openai', { status: 500 }, { status: 500 }, { status: 500 }, { text: 'never reached' })
    const error = await rejectsWith(generate('x', { model: gpt, backoff: '5ms' }), 'GENERATE_FAILED')
    assert.equal(server.requests.length - before, 3)
    assert.equal(error.details.status, 500)
    assert.equal(error.details.retryable, true)
    assert.equal(error.details.attempt, 3)
    assert.equal(server.pending('openai'), 1)
    assert.equal((await generate('x', { model: gpt })).text, 'never reached')
  })

  test('an error event mid-stream fails the call once text has been streamed', async () => {
    server.script('anthropic', { text: 'one two three', midStreamError: { afterDeltas: 1 } })
    const { deltas, onToken } = collect()
    const error = await rejectsWith(generate('x', { model: claude, onToken }), 'GENERATE_FAILED')
    assert.equal(deltas.length, 1)
    assert.equal(error.details.type, 'overloaded_error')
  })

  test('abort mid-stream rejects with AbortError and closes the connection', async () => {
    server.script('openai', { text: 'a b c d e f', hangAfterChunks: 3 })
    const controller = new AbortController()
    const call = generate('x', {
      model: gpt,
      signal: controller.signal,
      onToken: () => controller.abort(),
    })
    await within(assert.rejects(call, { name: 'AbortError' }), 'the aborted call')
    const request = lastRequest()
    for (let i = 0; i < 100 && !request.aborted; i++) await new Promise((r) => setTimeout(r, 10))
    assert.equal(request.aborted, true)
  })

  test('a missing template variable sends nothing', async () => {
    const before = server.requests.length
    await rejectsWith(generate('{{brief}}', { model: gpt, input: {} }), 'INVALID_ARGUMENT')
    assert.equal(server.requests.length, before)
  })

  test('fetch comes from the model, else from the instance passed as crux, else the global one', async () => {
    const seen = []
    const spy = (label) => (url, init) => {
      seen.push(label)
      return fetch(url, init)
    }
    await generate('x', { model: openai('gpt-4o', { baseURL: server.openaiBaseURL, apiKey: OPENAI_KEY, fetch: spy('model') }) })
    const crux = createCrux({ name: uniqueName('fetch'), storage: 'memory', fetch: spy('instance') })
    await generate('x', { model: gpt, crux })
    await generate('x', { model: openai('gpt-4o', { baseURL: server.openaiBaseURL, apiKey: OPENAI_KEY, fetch: spy('model') }), crux })
    assert.deepEqual(seen, ['model', 'instance', 'model'])
    await crux.close()
  })
})

describe('API keys stay out of everything durable or visible', () => {
  test('a failing step records no key in the journal, history, status, store or logs', async () => {
    const key = 'sk-leak-check-9f8e7d6c5b4a'
    // A provider that echoes the key it refused, in full (a server that takes any key, so the
    // scripted 401 is what answers).
    const server = await startLlmServer({ apiKeys: { openai: null } })
    const gpt = openai('gpt-4o', { baseURL: server.openaiBaseURL, apiKey: 'sk-some-other-key' })
    server.script('openai', { text: 'fine' }, { status: 401, message: `Incorrect API key provided: ${key}.`, code: 'invalid_api_key' })
    const logged = []
    const original = { log: console.log, warn: console.warn, error: console.error }
    for (const name of Object.keys(original)) console[name] = (...args) => logged.push(args.map(String).join(' '))
    const name = uniqueName('keys')
    let crux = createCrux({ name })
    try {
      const model = openai('gpt-4o', { baseURL: server.openaiBaseURL, apiKey: key })
      const def = crux.flow('keyed', async (flow) => {
        await flow.step('fine', () => generate('fine', { model: gpt }))
        return flow.step('draft', () => generate('x {{model}}', { model, input: { model } }), { retries: 0 })
      })
      server.requests.length = 0
      const run = await def.start({ model: JSON.parse(JSON.stringify(model)) })
      const status = await untilStatus(run, 'failed')
      assert.equal(status.error.code, 'GENERATE_FAILED')
      assert.match(status.error.message, /\[redacted\]/)
      const history = await run.history()
      await crux.close()
      crux = undefined
      const stored = await dumpIndexedDb(`/crux/${name}`)
      for (const [what, text] of [
        ['status', JSON.stringify(status)],
        ['history', JSON.stringify(history)],
        ['store', stored],
        ['logs', logged.join('\n')],
      ]) {
        assert.ok(!text.includes(key), `${what} holds the key`)
      }
      assert.ok(stored.length > 100, 'the store was read')
      assert.ok(server.requests.some((r) => r.headers.authorization === `Bearer ${key}`), 'the key did reach the server')
    } finally {
      Object.assign(console, original)
      await crux?.close()
      await server.close()
    }
  })
})

/** Every value in an IndexedDB database, as text (IDBFS stores file contents as bytes). */
async function dumpIndexedDb(name) {
  const db = await new Promise((resolve, reject) => {
    const open = indexedDB.open(name)
    open.onsuccess = () => resolve(open.result)
    open.onerror = () => reject(open.error)
  })
  const parts = []
  for (const storeName of db.objectStoreNames) {
    const values = await new Promise((resolve, reject) => {
      const request = db.transaction(storeName).objectStore(storeName).getAll()
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
    })
    for (const value of values) {
      const contents = value?.contents
      parts.push(contents instanceof Uint8Array ? Buffer.from(contents).toString('latin1') : JSON.stringify(value))
    }
  }
  db.close()
  return parts.join('\n')
}

test('a fetch whose Response has no body stream still streams: the text is one chunk', async () => {
  server.script('openai', { text: 'whole body at once' })
  const bodiless = async (url, init) => {
    const real = await fetch(url, init)
    const text = await real.text()
    return { ok: real.ok, status: real.status, headers: real.headers, body: null, text: async () => text }
  }
  const deltas = []
  const model = openai('gpt-4o', { baseURL: server.openaiBaseURL, apiKey: OPENAI_KEY, fetch: bodiless })
  const result = await generate('x', { model, onToken: (d) => deltas.push(d) })
  assert.equal(result.text, 'whole body at once')
  assert.equal(deltas.join(''), 'whole body at once')
})
