import type { CruxModel } from './model.js'

export { GenerateFailedError } from '@crux/core'
export type { CruxModel } from './model.js'

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant'
  content: string
}

/** A Vercel AI SDK language model object (e.g. `openai('gpt-4o')` from '@ai-sdk/openai'). */
export interface AiSdkLanguageModel {
  readonly specificationVersion: string
  readonly provider: string
  readonly modelId: string
  doGenerate(options: unknown): PromiseLike<unknown>
  doStream(options: unknown): PromiseLike<unknown>
}

export interface GenerateOptions {
  model: CruxModel | AiSdkLanguageModel
  /** Values for the template's `{{name}}` placeholders (dotted paths allowed). */
  input?: Record<string, unknown> | undefined
  /** A system text, also a template. */
  system?: string | undefined
  temperature?: number | undefined
  maxTokens?: number | undefined
  /** Streams the reply: called with each text delta as it arrives. */
  onToken?: ((delta: string) => void) | undefined
  /** Aborts the call: it rejects with an AbortError. */
  signal?: AbortSignal | undefined
  /** Retries after 429, 5xx and network errors (default 2). */
  retries?: number | undefined
  /** First retry delay (default '1s', doubling, at most '60s'), or `{ initial, factor, max }`. */
  backoff?: number | string | { initial?: number | string | undefined; factor?: number | undefined; max?: number | string | undefined } | undefined
  /** An instance whose `fetch` is used when the model has none of its own. */
  crux?: { readonly fetch?: typeof fetch | undefined } | undefined
}

export interface GenerateResult {
  text: string
  usage: { inputTokens: number | null; outputTokens: number | null; totalTokens: number | null }
  finishReason: 'stop' | 'length' | 'content-filter' | 'tool-calls' | 'error' | 'other'
  model: string
}

/** Calls a model with a prompt template filled from `input`, or with a message array. */
export function generate(prompt: string | ChatMessage[], options: GenerateOptions): Promise<GenerateResult>
