// Interop with the Vercel AI SDK: a language model object from @ai-sdk/openai, @ai-sdk/anthropic
// or any other provider (specificationVersion v1, v2 or v3) works as a generate model. The engine
// still renders the prompt; the SDK model speaks to its provider.

import { GenerateFailedError, InvalidArgumentError } from '@crux/core'
import { toJsonText, unwrap } from '@crux/core/internal'
import { abortError, throwIfAborted } from './abort.js'
import { engineModule } from './engine.js'

/** Whether `model` is an AI SDK language model object. */
export function isAiSdkModel(model) {
  return (
    model !== null &&
    typeof model === 'object' &&
    typeof model.specificationVersion === 'string' &&
    typeof model.doGenerate === 'function' &&
    typeof model.doStream === 'function'
  )
}

export async function generateWithAiSdk(model, prompt, settings) {
  const { input, system, temperature, maxTokens, onToken, signal } = settings
  const engine = await engineModule()
  const conversation = unwrap(engine.renderConversation(toJsonText({ prompt, input, system }, 'generate options')))
  const v1 = model.specificationVersion === 'v1'
  const call = {
    prompt: sdkPrompt(conversation),
    temperature,
    abortSignal: signal,
    ...(v1 ? { inputFormat: 'messages', mode: { type: 'regular' }, maxTokens } : { maxOutputTokens: maxTokens }),
  }
  try {
    if (!onToken) return resultOf(model, await model.doGenerate(call))
    const { stream } = await model.doStream(call)
    const result = { text: '', usage: undefined, finishReason: undefined, modelId: undefined }
    const reader = stream.getReader()
    for (;;) {
      const { done, value: part } = await reader.read()
      if (done) break
      throwIfAborted(signal)
      if (part.type === 'text-delta') {
        const delta = part.delta ?? part.textDelta ?? ''
        result.text += delta
        if (delta) onToken(delta)
      } else if (part.type === 'response-metadata') {
        result.modelId = part.modelId ?? result.modelId
      } else if (part.type === 'finish') {
        result.usage = part.usage
        result.finishReason = part.finishReason
      } else if (part.type === 'error') {
        throw part.error
      }
    }
    return normalize(model, result)
  } catch (error) {
    if (signal?.aborted) throw abortError(signal)
    if (error instanceof InvalidArgumentError) throw error
    throw failedCall(model, error)
  }
}

function sdkPrompt({ system, messages }) {
  const prompt = system ? [{ role: 'system', content: system }] : []
  for (const { role, content } of messages) {
    prompt.push(role === 'system' ? { role, content } : { role, content: [{ type: 'text', text: content }] })
  }
  return prompt
}

function resultOf(model, reply) {
  const text = Array.isArray(reply.content)
    ? reply.content.filter((part) => part.type === 'text').map((part) => part.text).join('')
    : (reply.text ?? '')
  return normalize(model, { text, usage: reply.usage, finishReason: reply.finishReason, modelId: reply.response?.modelId })
}

/** The result in Crux's shape, whatever the specification version reported. */
function normalize(model, { text, usage = {}, finishReason, modelId }) {
  const count = (value) => (typeof value === 'number' ? value : typeof value?.total === 'number' ? value.total : null)
  const inputTokens = count(usage.inputTokens ?? usage.promptTokens)
  const outputTokens = count(usage.outputTokens ?? usage.completionTokens)
  const reason = typeof finishReason === 'object' && finishReason !== null ? finishReason.unified : finishReason
  return {
    text,
    usage: {
      inputTokens,
      outputTokens,
      totalTokens: typeof usage.totalTokens === 'number' ? usage.totalTokens : inputTokens !== null && outputTokens !== null ? inputTokens + outputTokens : null,
    },
    finishReason: ['stop', 'length', 'content-filter', 'tool-calls', 'error'].includes(reason) ? reason : 'other',
    model: modelId ?? model.modelId,
  }
}

function failedCall(model, error) {
  const status = typeof error?.statusCode === 'number' ? error.statusCode : undefined
  const details = {
    provider: model.provider,
    retryable: Boolean(error?.isRetryable),
    ...(status === undefined ? {} : { status }),
  }
  const message = `${model.provider}: ${status === undefined ? '' : `HTTP ${status}: `}${error?.message ?? String(error)}`
  return new GenerateFailedError(message, { details, cause: error })
}
