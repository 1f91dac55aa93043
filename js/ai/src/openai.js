// OpenAI Chat Completions, and every server that speaks it (Ollama, llama.cpp, vLLM, LM Studio).

import { createModel, environment } from './model.js'

/**
 * An OpenAI-compatible model. `apiKey` defaults to OPENAI_API_KEY and `baseURL` to
 * OPENAI_BASE_URL in Node, then to https://api.openai.com/v1.
 * @param {string} modelId e.g. 'gpt-4o', or 'llama3.2' on a local Ollama
 * @param {{ apiKey?: string, baseURL?: string, headers?: Record<string, string>, fetch?: typeof fetch }} [settings]
 */
export function openai(modelId, settings = {}) {
  return createModel('openai', modelId, {
    ...settings,
    apiKey: settings?.apiKey ?? environment('OPENAI_API_KEY'),
    baseURL: settings?.baseURL ?? environment('OPENAI_BASE_URL'),
  })
}
