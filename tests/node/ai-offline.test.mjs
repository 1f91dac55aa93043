// @crux/ai on the real WASM build with no network: the offline model, templates, aborts and
// bad input (each followed by a call that still works).
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'

import { generate, GenerateFailedError } from '@crux/ai'
import { offline } from '@crux/ai/offline'
import { openai } from '@crux/ai/openai'
import { anthropic } from '@crux/ai/anthropic'
import { InvalidArgumentError } from '@crux/core'

import { rejectsWith } from './support.mjs'
import { engineModule } from '../../js/ai/src/engine.js'

const planPrompt = 'Write a step-by-step plan for: {{brief}}'
const model = offline({ delayMs: 0 })

async function stillWorks() {
  const { text } = await generate(planPrompt, { model, input: { brief: 'still works' } })
  assert.match(text, /^# Plan: still works\n/)
}

describe('offline model', () => {
  test('writes a multi-step plan for the brief, the same every time', async () => {
    const first = await generate(planPrompt, { model, input: { brief: 'announce v1' } })
    assert.match(first.text, /^# Plan: announce v1\n/)
    assert.ok(first.text.match(/^\d+\. \*\*/gm).length >= 5, first.text)
    assert.equal(first.finishReason, 'stop')
    assert.equal(first.model, 'offline')
    assert.equal(first.usage.totalTokens, first.usage.inputTokens + first.usage.outputTokens)
    assert.deepEqual(await generate(planPrompt, { model, input: { brief: 'announce v1' } }), first)
    assert.notEqual((await generate(planPrompt, { model, input: { brief: 'another brief' } })).text, first.text)
  })

  test('streams word by word through onToken; the tokens join to the text', async () => {
    const tokens = []
    const result = await generate(planPrompt, { model: offline({ delayMs: 1 }), input: { brief: 'stream me' }, onToken: (t) => tokens.push(t) })
    assert.equal(tokens.join(''), result.text)
    assert.equal(tokens.length, result.usage.outputTokens)
    assert.ok(tokens.length > 50)
  })

  test('asked to execute a plan, reports on its steps and the revisions', async () => {
    const { text: planText } = await generate(planPrompt, { model, input: { brief: 'launch post' } })
    const report = await generate('Execute this plan:\n{{plan}}\nRevisions: {{revisions}}', {
      model,
      input: { plan: planText, revisions: 'shorter intro' },
    })
    assert.match(report.text, /^# Execution report: launch post\n/)
    assert.match(report.text, /\*\*Revisions applied\.\*\* shorter intro/)
    const steps = planText.match(/^\d+\. \*\*(.+?)\*\*/gm).length
    assert.equal(report.text.match(/✓/g).length, steps)
  })

  test('a message array is taken as it is', async () => {
    const result = await generate(
      [
        { role: 'system', content: 'You plan.' },
        { role: 'user', content: 'Brief: {{not a template}}' },
      ],
      { model },
    )
    assert.match(result.text, /^# Plan: {{not a template}}/)
  })

  test('an abort signal stops a stream with an AbortError', async () => {
    const controller = new AbortController()
    const tokens = []
    const call = generate(planPrompt, {
      model: offline({ delayMs: 2 }),
      input: { brief: 'abort me' },
      signal: controller.signal,
      onToken: (t) => {
        tokens.push(t)
        if (tokens.length === 3) controller.abort()
      },
    })
    await assert.rejects(call, (error) => error.name === 'AbortError')
    assert.equal(tokens.length, 3)
    await assert.rejects(generate(planPrompt, { model, input: { brief: 'x' }, signal: AbortSignal.abort() }), { name: 'AbortError' })
    await stillWorks()
  })
})

describe("the module's generations", () => {
  test('each generate call ends its generation, also when it fails; an ended one is INVALID_ARGUMENT', async () => {
    const engine = await engineModule()
    const start = () => JSON.parse(engine.startGeneration(JSON.stringify({ provider: 'offline', model: 'offline', prompt: 'x' }))).ok
    const before = start()
    engine.endGeneration(before.id)
    await generate(planPrompt, { model, input: { brief: 'x' } })
    const controller = new AbortController()
    const aborted = generate(planPrompt, { model: offline({ delayMs: 2 }), input: { brief: 'x' }, signal: controller.signal, onToken: () => controller.abort() })
    await assert.rejects(aborted, { name: 'AbortError' })
    const after = start()
    assert.deepEqual(after, { id: before.id + 3, offline: true })
    for (let id = before.id; id < after.id; id++) {
      assert.deepEqual(JSON.parse(engine.beginAttempt(id)).error, {
        code: 'INVALID_ARGUMENT',
        message: `generation ${id} has not started or has ended`,
      })
      assert.equal(engine.retryDelay(id, 0.5), -1)
    }
    assert.ok(JSON.parse(engine.offlineReply(after.id)).ok.completion.text.length > 0)
    engine.endGeneration(after.id)
    assert.ok(JSON.parse(engine.offlineReply(after.id)).error)
  })
})

describe('templates', () => {
  test('a missing variable is INVALID_ARGUMENT naming it', async () => {
    const error = await rejectsWith(generate(planPrompt, { model, input: {} }), 'INVALID_ARGUMENT', InvalidArgumentError)
    assert.match(error.message, /\{\{brief\}\}/)
    assert.deepEqual(error.details, { variable: 'brief' })
    await rejectsWith(generate('{{user.name}}', { model, input: { user: {} } }), 'INVALID_ARGUMENT')
    await stillWorks()
  })

  test('dotted paths, {{{{ escapes, and an undefined member renders empty', async () => {
    const result = await generate('Brief: {{a.b}} {{{{literal}} [{{gone}}]', { model, input: { a: { b: 'deep' }, gone: undefined } })
    assert.match(result.text, /^# Plan: deep {{literal}} \[\]/)
  })
})

describe('bad input is INVALID_ARGUMENT and nothing breaks', () => {
  const cases = [
    ['no options', () => generate(planPrompt)],
    ['no model', () => generate(planPrompt, { input: { brief: 'x' } })],
    ['a model that is not one', () => generate(planPrompt, { model: { provider: 'openai', modelId: 'gpt-4o' }, input: { brief: 'x' } })],
    ['an empty prompt array', () => generate([], { model })],
    ['a prompt that is a number', () => generate(42, { model })],
    ['a bad role', () => generate([{ role: 'tool', content: 'x' }], { model })],
    ['temperature 7', () => generate('x', { model, temperature: 7 })],
    ['maxTokens -1', () => generate('x', { model, maxTokens: -1 })],
    ['an unknown option', () => generate('x', { model, colour: 'blue' })],
    ['a stream option (onToken is how to stream)', () => generate('x', { model, stream: true })],
    ['onToken not a function', () => generate('x', { model, onToken: 'no' })],
    ['signal not a signal', () => generate('x', { model, signal: {} })],
    ['retries -1', () => generate('x', { model, retries: -1 })],
    ['a bad backoff', () => generate('x', { model, backoff: 'soon' })],
    ['input not an object', () => generate('x', { model, input: 'brief' })],
    ['openai without a model id', () => openai()],
    ['a baseURL that is not http', async () => generate('x', { model: openai('gpt-4o', { baseURL: 'file:///etc' }) })],
    ['a header that is not a string', () => anthropic('claude', { headers: { 'x-a': 1 } })],
    ['offline with a negative delay', () => offline({ delayMs: -5 })],
  ]
  for (const [what, call] of cases) {
    test(what, async () => {
      await rejectsWith(async () => call(), 'INVALID_ARGUMENT')
      await stillWorks()
    })
  }

  test('input that is not JSON is NOT_SERIALIZABLE', async () => {
    await rejectsWith(generate(planPrompt, { model, input: { brief: () => 1 } }), 'NOT_SERIALIZABLE')
    await stillWorks()
  })

  test('a server that is not there: GENERATE_FAILED after the retries, retryable', async () => {
    const error = await rejectsWith(
      generate('x', { model: openai('gpt-4o', { baseURL: 'http://127.0.0.1:9/v1', apiKey: 'sk-test-unreachable' }), retries: 1, backoff: '5ms' }),
      'GENERATE_FAILED',
      GenerateFailedError,
    )
    assert.equal(error.details.retryable, true)
    assert.equal(error.details.attempt, 2)
    assert.doesNotMatch(JSON.stringify({ message: error.message, details: error.details }), /sk-test-unreachable/)
  })
})

test('a model object carries no secret', () => {
  const model = openai('gpt-4o', { apiKey: 'sk-never-shown', headers: { 'x-secret': 'also-hidden' } })
  assert.deepEqual(JSON.parse(JSON.stringify(model)), { provider: 'openai', modelId: 'gpt-4o' })
  assert.ok(Object.isFrozen(model))
  assert.doesNotMatch(String(Object.values(model)), /sk-never-shown|also-hidden/)
})
