/** A model for `generate`: its public parts. Its API key is kept out of it. */
export interface CruxModel {
  readonly provider: 'openai' | 'anthropic' | 'offline'
  readonly modelId: string
  readonly baseURL?: string
}

export interface ProviderSettings {
  /** Defaults to OPENAI_API_KEY / ANTHROPIC_API_KEY in Node. Never stored or logged. */
  apiKey?: string | undefined
  /** e.g. 'http://localhost:11434/v1' for Ollama. */
  baseURL?: string | undefined
  /** Extra request headers. */
  headers?: Record<string, string> | undefined
  /** The fetch to call instead of the global one. */
  fetch?: typeof fetch | undefined
}
