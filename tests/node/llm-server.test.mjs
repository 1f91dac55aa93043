// The local LLM server (support/llm-server.mjs) against the real AI SDK clients: if `ai` with
// @ai-sdk/openai and @ai-sdk/anthropic read its answers right, the server speaks the wire
// formats the way the providers do. Raw-fetch tests pin what the SDKs do not look at.
import { test, describe, before, after, beforeEach } from 'node:test'
import assert from 'node:assert/strict'
import { generateText, streamText, APICallError } from 'ai'
import { createOpenAI } from '@ai-sdk/openai'
import { createAnthropic } from '@ai-sdk/anthropic'
import { startLlmServer, defaultReplyText, streamBytes } from './support/llm-server.mjs'

const TEXT = 'Hello wörld 👋'

let server
before(async () => {
  server = await startLlmServer()
})
after(() => server.close())
beforeEach(() => {
  server.requests.length = 0
})

/** The three models under test, each as a user of @crux/ai would point it at the server. */
const models = {
  'openai chat': () => createOpenAI({ baseURL: server.openaiBaseURL, apiKey: 'test-openai-key' }).chat('gpt-4o'),
  // The unchanged recipe line `openai('gpt-4o')`: the Responses API in @ai-sdk/openai 3.
  'openai responses': () => createOpenAI({ baseURL: server.openaiBaseURL, apiKey: 'test-openai-key' })('gpt-4o'),
  anthropic: () => createAnthropic({ baseURL: server.anthropicBaseURL, apiKey: 'test-anthropic-key' })('claude-sonnet-4-5'),
}
const routeOf = (name) => (name === 'anthropic' ? 'anthropic' : 'openai')
const wrongKeyModel = {
  'openai chat': () => createOpenAI({ baseURL: server.openaiBaseURL, apiKey: 'sk-wrong-key-1234' }).chat('gpt-4o'),
  'openai responses': () => createOpenAI({ baseURL: server.openaiBaseURL, apiKey: 'sk-wrong-key-1234' })('gpt-4o'),
  anthropic: () => createAnthropic({ baseURL: server.anthropicBaseURL, apiKey: 'wrong' })('claude-sonnet-4-5'),
}

async function streamParts(options) {
  const result = streamText({ maxRetries: 0, onError: () => {}, ...options })
  const parts = []
  for await (const part of result.fullStream) parts.push(part)
  return parts
}

for (const [name, model] of Object.entries(models)) {
  describe(`${name} through the AI SDK`, () => {
    const route = routeOf(name)

    test('generateText gets the scripted text, usage and finish reason', async () => {
      server.script(route, { text: TEXT, usage: { inputTokens: 11, outputTokens: 7 } })
      const result = await generateText({ model: model(), prompt: 'Say hello', maxRetries: 0 })
      assert.equal(result.text, TEXT)
      assert.equal(result.finishReason, 'stop')
      assert.equal(result.usage.inputTokens, 11)
      assert.equal(result.usage.outputTokens, 7)
      assert.equal(result.usage.totalTokens, 18)
      assert.equal(server.requests.length, 1)
      assert.equal(server.requests[0].route, route)
      assert.equal(server.pending(route), 0)
    })

    test('without a script the reply is derived from the last user message', async () => {
      const result = await generateText({ model: model(), prompt: 'What is 2+2?', maxRetries: 0 })
      assert.equal(result.text, defaultReplyText('What is 2+2?'))
      assert.ok(result.usage.inputTokens > 0 && result.usage.outputTokens > 0)
    })

    test('the request carries the model, the prompt and the key', async () => {
      await generateText({ model: model(), system: 'Be brief.', prompt: 'Hi there', maxRetries: 0 })
      const [request] = server.requests
      assert.equal(request.method, 'POST')
      assert.equal(request.body.model, name === 'anthropic' ? 'claude-sonnet-4-5' : 'gpt-4o')
      assert.match(JSON.stringify(request.body), /Hi there/)
      assert.match(JSON.stringify(request.body), /Be brief\./)
      if (route === 'openai') assert.equal(request.headers.authorization, 'Bearer test-openai-key')
      else assert.equal(request.headers['x-api-key'], 'test-anthropic-key')
    })

    test('finish reason "length" comes through', async () => {
      server.script(route, { text: 'cut sh', finishReason: 'length' })
      const result = await generateText({ model: model(), prompt: 'Go on', maxRetries: 0 })
      assert.equal(result.finishReason, 'length')
    })

    test('streamText yields the deltas, usage and finish reason', async () => {
      server.script(route, { text: TEXT, usage: { inputTokens: 5, outputTokens: 4 } })
      const result = streamText({ model: model(), prompt: 'Say hello', maxRetries: 0 })
      const deltas = []
      for await (const delta of result.textStream) deltas.push(delta)
      assert.deepEqual(deltas, ['Hello', ' wörld', ' 👋'])
      assert.equal(await result.finishReason, 'stop')
      const usage = await result.usage
      assert.equal(usage.inputTokens, 5)
      assert.equal(usage.outputTokens, 4)
      assert.equal(server.requests[0].body.stream, true)
    })

    test('a stream written one byte at a time (mid-event, mid-character) still decodes', async () => {
      server.script(route, { text: TEXT, splitEvery: 1 })
      const result = streamText({ model: model(), prompt: 'Say hello', maxRetries: 0 })
      assert.equal(await result.text, TEXT)
      assert.equal(await result.finishReason, 'stop')
    })

    test('a wrong key is a 401 with the provider message', async () => {
      await assert.rejects(generateText({ model: wrongKeyModel[name](), prompt: 'Hi', maxRetries: 0 }), (error) => {
        assert.ok(APICallError.isInstance(error), `expected APICallError, got ${error}`)
        assert.equal(error.statusCode, 401)
        if (route === 'openai') assert.match(error.message, /^Incorrect API key provided: sk-\*+1234\./)
        else assert.equal(error.message, 'invalid x-api-key')
        return true
      })
    })

    test('a scripted 400 surfaces its message and is not retried', async () => {
      server.script(route, { status: 400, message: 'bad thing' })
      await assert.rejects(generateText({ model: model(), prompt: 'Hi' }), (error) => {
        assert.ok(APICallError.isInstance(error), `expected APICallError, got ${error}`)
        assert.equal(error.statusCode, 400)
        assert.equal(error.message, 'bad thing')
        assert.equal(error.isRetryable, false)
        return true
      })
      assert.equal(server.requests.length, 1)
    })

    test('429 then success is retried by the SDK', async () => {
      server.script(route, { status: 429, headers: { 'retry-after': '0' } }, { text: 'second time lucky' })
      const result = await generateText({ model: model(), prompt: 'Hi', maxRetries: 1 })
      assert.equal(result.text, 'second time lucky')
      assert.equal(server.requests.length, 2)
    })

    test('500 on every try exhausts the retries', async () => {
      server.script(route, { status: 500, headers: { 'retry-after': '0' } }, { status: 500, headers: { 'retry-after': '0' } })
      await assert.rejects(generateText({ model: model(), prompt: 'Hi', maxRetries: 1 }), /Failed after 2 attempts/)
      assert.equal(server.requests.length, 2)
    })

    test('an error event mid-stream reaches the stream as an error part', async () => {
      server.script(route, { text: TEXT, midStreamError: { message: 'the model fell over' } })
      const parts = await streamParts({ model: model(), prompt: 'Hi' })
      assert.deepEqual(parts.filter((p) => p.type === 'text-delta').map((p) => p.text), ['Hello'])
      const error = parts.find((p) => p.type === 'error')
      assert.ok(error, `no error part in ${parts.map((p) => p.type)}`)
      assert.match(JSON.stringify(error.error) + String(error.error?.message), /the model fell over/)
    })

    test('aborting a hanging stream closes the connection the server sees', async () => {
      // Events before the first text delta: chat 1 (role), responses 4, anthropic 3 (with ping).
      const eventsBeforeText = { 'openai chat': 1, 'openai responses': 4, anthropic: 3 }[name]
      server.script(route, { text: TEXT, hangAfterChunks: eventsBeforeText + 1 })
      const controller = new AbortController()
      const watchdog = setTimeout(() => controller.abort(), 3000) // so a bug fails, not hangs
      const result = streamText({ model: model(), prompt: 'Hi', maxRetries: 0, abortSignal: controller.signal, onError: () => {} })
      const deltas = []
      for await (const delta of result.textStream) {
        deltas.push(delta)
        controller.abort()
      }
      clearTimeout(watchdog)
      assert.deepEqual(deltas, ['Hello'])
      await until(() => server.requests[0].aborted, 'the server to see the client go away')
    })
  })
}

describe('streams cut at every byte boundary', () => {
  const cases = {
    'chat.completions': { route: 'openai', model: models['openai chat'] },
    responses: { route: 'openai', model: models['openai responses'] },
    messages: { route: 'anthropic', model: models.anthropic },
  }
  for (const [endpoint, { route, model }] of Object.entries(cases)) {
    test(`${endpoint}: two chunks split anywhere give back the text`, async () => {
      const text = 'wö👋'
      const bytes = streamBytes(endpoint, text, { deltas: ['w', 'ö', '👋'] })
      // Every boundary from just before the first delta to just after the last (where the
      // multi-byte characters are), and every 17th elsewhere, to keep the test quick.
      const firstDelta = bytes.indexOf('"w"')
      const lastDelta = bytes.indexOf('👋') + 4
      for (let at = 1; at < bytes.length; at++) {
        if ((at < firstDelta - 32 || at > lastDelta + 32) && at % 17 !== 0) continue
        server.script(route, { streamChunks: [bytes.subarray(0, at), bytes.subarray(at)] })
        const result = streamText({ model: model(), prompt: 'Hi', maxRetries: 0 })
        assert.equal(await result.text, text, `split at byte ${at}`)
      }
    })
  }
})

describe('wire format details (raw fetch)', () => {
  const post = (path, body, headers = {}) =>
    fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) })
  const openaiHeaders = { authorization: 'Bearer test-openai-key' }
  const anthropicHeaders = { 'x-api-key': 'test-anthropic-key', 'anthropic-version': '2023-06-01' }
  const events = (sse) =>
    sse.split('\n\n').filter(Boolean).map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1]
      const data = /^data: (.*)$/m.exec(block)[1]
      return { event, data: data === '[DONE]' ? data : JSON.parse(data) }
    })

  test('chat completion JSON has the documented shape', async () => {
    server.script('openai', { text: TEXT, usage: { inputTokens: 3, outputTokens: 2 } })
    const response = await post('/openai/v1/chat/completions', { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }, openaiHeaders)
    assert.equal(response.status, 200)
    assert.match(response.headers.get('content-type'), /^application\/json/)
    const body = await response.json()
    assert.equal(body.object, 'chat.completion')
    assert.match(body.id, /^chatcmpl-/)
    assert.equal(typeof body.created, 'number')
    assert.deepEqual(body.choices[0].message, { role: 'assistant', content: TEXT, refusal: null, annotations: [] })
    assert.equal(body.choices[0].finish_reason, 'stop')
    assert.equal(body.choices[0].index, 0)
    assert.deepEqual([body.usage.prompt_tokens, body.usage.completion_tokens, body.usage.total_tokens], [3, 2, 5])
  })

  test('chat stream: role chunk, deltas, finish chunk, usage chunk with no choices, [DONE]', async () => {
    server.script('openai', { text: 'a b' })
    const response = await post('/openai/v1/chat/completions', { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], stream: true, stream_options: { include_usage: true } }, openaiHeaders)
    assert.match(response.headers.get('content-type'), /^text\/event-stream/)
    const list = events(await response.text())
    assert.ok(list.every((e) => e.event === undefined), 'chat chunks have no event: line')
    assert.deepEqual(list[0].data.choices[0].delta, { role: 'assistant', content: '', refusal: null })
    assert.deepEqual(list.slice(1, 3).map((e) => e.data.choices[0].delta.content), ['a', ' b'])
    assert.equal(list[3].data.choices[0].finish_reason, 'stop')
    assert.deepEqual(list[4].data.choices, [])
    assert.equal(list[4].data.usage.total_tokens, list[4].data.usage.prompt_tokens + list[4].data.usage.completion_tokens)
    assert.ok(list.slice(0, 4).every((e) => e.data.usage === null && e.data.object === 'chat.completion.chunk'))
    assert.equal(list.at(-1).data, '[DONE]')
  })

  test('chat stream without include_usage has no usage chunk and no usage field', async () => {
    const response = await post('/openai/v1/chat/completions', { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], stream: true }, openaiHeaders)
    const list = events(await response.text())
    assert.ok(list.slice(0, -1).every((e) => e.data.choices.length === 1 && !('usage' in e.data)))
  })

  test('anthropic stream sends the documented event sequence', async () => {
    server.script('anthropic', { text: 'a b', usage: { inputTokens: 9, outputTokens: 2 } })
    const response = await post('/anthropic/v1/messages', { model: 'claude-x', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }], stream: true }, anthropicHeaders)
    const list = events(await response.text())
    assert.deepEqual(list.map((e) => e.event), ['message_start', 'content_block_start', 'ping', 'content_block_delta', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop'])
    assert.ok(list.every((e) => e.event === e.data.type), 'event name equals data.type')
    assert.equal(list[0].data.message.usage.input_tokens, 9)
    assert.deepEqual(list[0].data.message.content, [])
    assert.deepEqual(list[3].data, { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'a' } })
    assert.deepEqual(list[6].data.delta, { stop_reason: 'end_turn', stop_sequence: null })
    assert.deepEqual(list[6].data.usage, { output_tokens: 2 })
  })

  test('anthropic message JSON has the documented shape', async () => {
    const response = await post('/anthropic/v1/messages', { model: 'claude-x', max_tokens: 10, messages: [{ role: 'user', content: [{ type: 'text', text: 'yo' }] }] }, anthropicHeaders)
    const body = await response.json()
    assert.equal(response.headers.get('request-id'), body.id.replace('msg_', 'req_'))
    assert.deepEqual(
      { type: body.type, role: body.role, model: body.model, content: body.content, stop_reason: body.stop_reason, stop_sequence: body.stop_sequence },
      { type: 'message', role: 'assistant', model: 'claude-x', content: [{ type: 'text', text: defaultReplyText('yo') }], stop_reason: 'end_turn', stop_sequence: null },
    )
    assert.equal(typeof body.usage.input_tokens, 'number')
    assert.equal(typeof body.usage.output_tokens, 'number')
  })

  test('responses stream: semantic events with rising sequence numbers and no [DONE]', async () => {
    server.script('openai', { text: 'a b' })
    const response = await post('/openai/v1/responses', { model: 'gpt-4o', input: 'hi', stream: true }, openaiHeaders)
    const list = events(await response.text())
    assert.deepEqual(list.map((e) => e.event), [
      'response.created', 'response.in_progress', 'response.output_item.added', 'response.content_part.added',
      'response.output_text.delta', 'response.output_text.delta', 'response.output_text.done',
      'response.content_part.done', 'response.output_item.done', 'response.completed',
    ])
    assert.deepEqual(list.map((e) => e.data.sequence_number), list.map((_, i) => i))
    assert.deepEqual(list.filter((e) => e.event === 'response.output_text.delta').map((e) => e.data.delta), ['a', ' b'])
    const done = list.at(-1).data.response
    assert.equal(done.status, 'completed')
    assert.equal(done.output[0].content[0].text, 'a b')
    assert.equal(done.usage.total_tokens, done.usage.input_tokens + done.usage.output_tokens)
  })

  test('OpenAI rejects a missing key, a wrong key and bad bodies with its error body', async () => {
    const chat = (body, headers = openaiHeaders) => post('/openai/v1/chat/completions', body, headers).then(async (r) => [r.status, await r.json()])
    const valid = { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }
    const [status, body] = await chat(valid, { authorization: 'Bearer nope' })
    assert.equal(status, 401)
    assert.deepEqual(body, { error: { message: 'Incorrect API key provided: nope. You can find your API key at https://platform.openai.com/account/api-keys.', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } })
    assert.equal((await chat(valid, {}))[0], 401)
    assert.deepEqual((await chat({ messages: valid.messages }))[1].error.message, 'you must provide a model parameter')
    assert.deepEqual((await chat({ model: 'gpt-4o' }))[1].error, { message: "Missing required parameter: 'messages'.", type: 'invalid_request_error', param: 'messages', code: 'missing_required_parameter' })
    assert.equal((await chat({ model: 'gpt-4o', messages: [] }))[1].error.code, 'empty_array')
    assert.equal((await chat({ ...valid, messages: [{ role: 'robot', content: 'x' }] }))[1].error.param, 'messages[0].role')
    assert.equal((await chat({ ...valid, stream_options: { include_usage: true } }))[1].error.param, 'stream_options')
    assert.equal((await chat('{not json'))[0], 400)
    assert.equal((await post('/openai/v1/responses', { input: 'hi' }, openaiHeaders).then((r) => r.json())).error.param, 'model')
    assert.equal(server.requests.length, 9)
  })

  test('Anthropic checks its headers and body like the real API', async () => {
    const messages = (body, headers = anthropicHeaders) => post('/anthropic/v1/messages', body, headers).then(async (r) => [r.status, await r.json()])
    const valid = { model: 'claude-x', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }
    const [status, body] = await messages(valid, { 'x-api-key': 'wrong', 'anthropic-version': '2023-06-01' })
    assert.equal(status, 401)
    assert.deepEqual({ type: body.type, error: body.error }, { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } })
    assert.equal((await messages(valid, { 'x-api-key': 'test-anthropic-key' }))[1].error.message, 'anthropic-version: header is required')
    for (const field of ['model', 'max_tokens', 'messages']) {
      const { [field]: _, ...rest } = valid
      const [status, body] = await messages(rest)
      assert.equal(status, 400)
      assert.deepEqual(body.error, { type: 'invalid_request_error', message: `${field}: Field required` })
    }
    const [systemStatus, systemBody] = await messages({ ...valid, messages: [{ role: 'system', content: 'x' }, ...valid.messages] })
    assert.equal(systemStatus, 400)
    assert.match(systemBody.error.message, /Unexpected role "system"/)
  })

  test('scripted Anthropic statuses carry the documented error types', async () => {
    const expected = { 400: 'invalid_request_error', 429: 'rate_limit_error', 500: 'api_error', 529: 'overloaded_error' }
    for (const status of Object.keys(expected)) server.script('anthropic', { status: Number(status) })
    for (const [status, type] of Object.entries(expected)) {
      const response = await post('/anthropic/v1/messages', { model: 'c', max_tokens: 1, messages: [{ role: 'user', content: 'x' }] }, anthropicHeaders)
      assert.equal(response.status, Number(status))
      assert.equal((await response.json()).error.type, type)
    }
  })

  test('splitEvery writes the body in chunks of that many bytes', async () => {
    server.script('anthropic', { text: TEXT, splitEvery: 7 })
    const response = await post('/anthropic/v1/messages', { model: 'c', max_tokens: 5, messages: [{ role: 'user', content: 'x' }], stream: true }, anthropicHeaders)
    const chunks = []
    for await (const chunk of response.body) chunks.push(Buffer.from(chunk))
    const whole = Buffer.concat(chunks)
    assert.ok(chunks.length > 1)
    assert.ok(chunks.every((c) => c.length <= 7 || c.length % 7 === 0), `chunk sizes ${chunks.map((c) => c.length)}`)
    assert.equal(events(whole.toString('utf8')).filter((e) => e.event === 'content_block_delta').map((e) => e.data.delta.text).join(''), TEXT)
  })

  test('unknown paths answer 404 in the provider format and are recorded', async () => {
    const response = await post('/openai/v1/embeddings', {}, openaiHeaders)
    assert.equal(response.status, 404)
    assert.equal((await response.json()).error.message, 'Invalid URL (POST /openai/v1/embeddings)')
    assert.equal(server.requests[0].endpoint, null)
    assert.equal(server.requests[0].route, 'openai')
  })

  test('script() refuses an unknown route', () => {
    assert.throws(() => server.script('gemini', { text: 'x' }), /route must be 'openai' or 'anthropic'/)
  })
})

async function until(predicate, what, timeout = 2000) {
  const deadline = Date.now() + timeout
  while (!predicate()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}
