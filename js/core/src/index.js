// @crux/core: durable flows with human-in-the-loop pauses, and live plan documents.

import { Crux } from './crux.js'

export * from './errors.js'

/**
 * An isolated instance with its own database `name`; its methods are the functions of
 * '@crux/core/flow' and '@crux/core/plan'.
 * @param {{ name?: string, storage?: 'indexeddb' | 'memory', now?: () => number, fetch?: typeof fetch, persist?: boolean }} [options]
 */
export function createCrux(options) {
  return new Crux(options)
}

let defaultCrux

/** The instance behind the module-level functions, created on first use. */
export function getDefaultCrux() {
  if (!defaultCrux) {
    const durable = typeof indexedDB !== 'undefined'
    if (!durable) {
      console.warn('[crux] indexedDB is not available: flows and plans are kept in memory only and lost on exit')
    }
    defaultCrux = new Crux({ name: 'default', storage: durable ? 'indexeddb' : 'memory' })
  }
  return defaultCrux
}

/** Closes the default instance (as a page unload would); the next call opens it afresh. */
export async function closeDefaultCrux() {
  const closing = defaultCrux
  defaultCrux = undefined
  await closing?.close()
}
