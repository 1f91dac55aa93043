// A TypeScript consumer of @crux/ai's declarations (checked by tests/node/types.test.mjs).
import { generate, GenerateFailedError, type GenerateResult, type CruxModel } from '@crux/ai'
import { openai } from '@crux/ai/openai'
import { anthropic } from '@crux/ai/anthropic'
import { offline } from '@crux/ai/offline'
import { createCrux } from '@crux/core'
import { flow } from '@crux/core/flow'

const models: CruxModel[] = [
  openai('gpt-4o'),
  openai('llama3.2', { baseURL: 'http://localhost:11434/v1', apiKey: 'k', headers: { 'x-a': 'b' }, fetch }),
  anthropic('claude-sonnet-4-5', { apiKey: 'k' }),
  offline({ delayMs: 5 }),
  offline(),
]

const crux = createCrux({ name: 'types', storage: 'memory', fetch })

export const writer = flow('typed-ai', async (flow) => {
  const text: string = await flow.step('draft', async () => {
    const result: GenerateResult = await generate('Plan: {{brief}}', {
      model: models[0],
      input: { brief: 'x' },
      system: 'Be brief.',
      temperature: 0.2,
      maxTokens: 100,
      onToken: (delta: string) => void delta,
      signal: AbortSignal.timeout(1000),
      retries: 3,
      backoff: { initial: '500ms', factor: 2, max: '10s' },
      crux,
    })
    const tokens: number | null = result.usage.totalTokens
    const reason: 'stop' | 'length' | 'content-filter' | 'tool-calls' | 'error' | 'other' = result.finishReason
    return `${result.text} ${tokens} ${reason} ${result.model}`
  })
  await generate([{ role: 'system', content: 'S' }, { role: 'user', content: 'U' }], { model: offline() })
  // @ts-expect-error a role that does not exist
  await generate([{ role: 'tool', content: 'U' }], { model: offline() })
  // @ts-expect-error a model is required
  await generate('x', { input: {} })
  // @ts-expect-error onToken takes a string
  await generate('x', { model: offline(), onToken: (delta: number) => delta })
  try {
    await generate('x', { model: openai('gpt-4o') })
  } catch (error) {
    if (error instanceof GenerateFailedError) return error.code
  }
  return text
})
