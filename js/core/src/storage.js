// The store directory of one engine module and its durability: an IDBFS mount synced to
// IndexedDB ('indexeddb') or plain memory ('memory'). Syncs are single-flight and coalesced:
// never two at once, and every commit that arrives while one runs shares the next one.

import { StorageUnavailableError } from './errors.js'

/** @typedef {'indexeddb' | 'memory'} StorageKind */

export class Storage {
  /** syncfs(false) runs started so far (commits share them). */
  syncCount = 0

  #module
  #name
  #kind
  /** @type {Promise<void> | undefined} the sync under way */
  #running
  /** @type {Promise<void> | undefined} the sync that starts once #running is done, shared by its waiters */
  #scheduled
  /** @type {Promise<void> | undefined} */
  #closing

  /**
   * @param {import('./module.d.ts').EngineModule} module
   * @param {{ name: string, kind: StorageKind }} options
   */
  constructor(module, { name, kind }) {
    this.#module = module
    this.#name = name
    this.#kind = kind
  }

  get name() {
    return this.#name
  }

  get kind() {
    return this.#kind
  }

  /**
   * Mount the directory, for 'indexeddb' filled from IndexedDB first. Resolves to the
   * directory path the engine opens.
   * @returns {Promise<string>}
   */
  async open() {
    // Without IndexedDB, IDBFS would abort the whole module on an assertion.
    if (this.#kind === 'indexeddb' && typeof indexedDB === 'undefined') {
      throw new StorageUnavailableError('IndexedDB is not available here')
    }
    const dir = this.#module.mountStore(this.#name, this.#kind)
    if (this.#kind === 'indexeddb') {
      try {
        await this.#module.syncStore(true)
      } catch (cause) {
        throw new StorageUnavailableError(`could not read "${this.#name}" from IndexedDB: ${messageOf(cause)}`, { cause })
      }
    }
    return dir
  }

  /**
   * Resolves once a sync to IndexedDB that started after this call has finished, so that
   * everything written to the directory before the call is durable.
   * @returns {Promise<void>}
   */
  commit() {
    if (this.#closing) return Promise.reject(new StorageUnavailableError(`storage "${this.#name}" is closed`))
    if (this.#kind === 'memory') return Promise.resolve()
    this.#scheduled ??= this.#settled().then(() => {
      this.#scheduled = undefined
      return this.#sync()
    })
    return this.#scheduled
  }

  /** Wait for the syncs under way or scheduled, then release the IndexedDB connection. */
  close() {
    this.#closing ??= (async () => {
      while (this.#scheduled || this.#running) await this.#settled()
      this.#module.closeStore()
    })()
    return this.#closing
  }

  #sync() {
    this.syncCount++
    const running = this.#module.syncStore(false).catch((cause) => {
      throw new StorageUnavailableError(`could not write "${this.#name}" to IndexedDB: ${messageOf(cause)}`, { cause })
    })
    this.#running = running
    const forget = () => {
      if (this.#running === running) this.#running = undefined
    }
    running.then(forget, forget)
    return running
  }

  /** Resolves (never rejects) once the scheduled and running syncs are done. */
  #settled() {
    const last = this.#scheduled ?? this.#running
    return last ? last.then(ignore, ignore) : Promise.resolve()
  }
}

function ignore() {}

function messageOf(error) {
  return error instanceof Error ? error.message : String(error)
}
