// Which model the writer flow calls. Kept in this tab's memory only: an API key is never
// written to storage, so after a reload the demo is back on the offline model.
import { offline } from '@crux/ai/offline'
import { openai } from '@crux/ai/openai'

/** @typedef {{ kind: 'offline', delayMs: number } | { kind: 'openai', baseURL: string, modelId: string, apiKey: string }} ModelSettings */

const offlineDefaults = { kind: 'offline', delayMs: 15 }

/** @type {ModelSettings} */
let settings = offlineDefaults
const listeners = new Set()

export function getModelSettings() {
  return settings
}

/** @param {ModelSettings} next */
export function setModelSettings(next) {
  settings = Object.freeze({ ...next })
  for (const listener of listeners) listener()
}

export function subscribeModelSettings(listener) {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** The model for a generate() call made now. */
export function currentModel() {
  if (settings.kind === 'openai') {
    return openai(settings.modelId, { apiKey: settings.apiKey || undefined, baseURL: settings.baseURL })
  }
  return offline({ delayMs: settings.delayMs })
}

/** A short human name for the settings, for the header. */
export function describeModel(current = settings) {
  if (current.kind === 'openai') return `${current.modelId} @ ${new URL(current.baseURL).host}`
  return 'Offline model'
}
