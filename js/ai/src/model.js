// Crux's model objects. What a model may say in public (provider, model id, base URL) is on
// the frozen object; its secrets (API key, extra headers, fetch) live here, out of reach of
// JSON.stringify, logs and the journal.

import { InvalidArgumentError } from '@crux/core'

/** @type {WeakMap<object, { apiKey?: string, headers: Record<string, string>, fetch?: typeof fetch, delayMs?: number }>} */
const privateParts = new WeakMap()

/**
 * A model object for `generate`.
 * @param {'openai' | 'anthropic' | 'offline'} provider
 * @param {string} modelId
 * @param {{ apiKey?: string, baseURL?: string, headers?: Record<string, string>, fetch?: typeof fetch, delayMs?: number }} settings
 */
export function createModel(provider, modelId, settings) {
  if (typeof modelId !== 'string' || modelId === '') {
    throw new InvalidArgumentError(`${provider}(modelId) needs a model id string, e.g. ${provider === 'anthropic' ? "'claude-sonnet-4-5'" : "'gpt-4o'"}`)
  }
  if (settings === null || typeof settings !== 'object') throw new InvalidArgumentError(`${provider} settings must be an object`)
  const { apiKey, baseURL, headers = {}, fetch, delayMs } = settings
  if (apiKey !== undefined && typeof apiKey !== 'string') throw new InvalidArgumentError('apiKey must be a string')
  if (baseURL !== undefined && typeof baseURL !== 'string') throw new InvalidArgumentError('baseURL must be a string')
  if (headers === null || typeof headers !== 'object') throw new InvalidArgumentError('headers must be an object of strings')
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value !== 'string') throw new InvalidArgumentError(`header "${name}" must be a string`)
  }
  if (fetch !== undefined && typeof fetch !== 'function') throw new InvalidArgumentError('fetch must be a function')
  const model = Object.freeze({ provider, modelId, ...(baseURL === undefined ? {} : { baseURL }) })
  privateParts.set(model, { apiKey, headers: { ...headers }, fetch, delayMs })
  return model
}

/** The secrets and I/O settings of a model made by createModel, or undefined for anything else. */
export function privatePartsOf(model) {
  return model !== null && typeof model === 'object' ? privateParts.get(model) : undefined
}

/** An environment variable in Node (for API keys and base URLs), undefined in a browser. */
export function environment(name) {
  const value = globalThis.process?.env?.[name]
  return typeof value === 'string' && value !== '' ? value : undefined
}
