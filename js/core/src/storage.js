// The store directory of one engine module and its durability: an IDBFS mount whose changed
// files are written to IndexedDB ('indexeddb'), or plain memory ('memory'). Syncs are
// single-flight and coalesced: never two at once, and every commit that arrives while one
// runs shares the next one. Each sync writes exactly the files the engine changed.

import { StorageUnavailableError } from './errors.js'

/** @typedef {'indexeddb' | 'memory'} StorageKind */

export class Storage {
  /** Syncs started so far (commits share them). */
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
  /** @type {() => { write: string[], remove: string[] }} */
  #changedFiles
  /** Changes taken from the engine but not yet in IndexedDB: file name → exists. */
  #unsaved = new Map()

  /**
   * @param {import('./module.d.ts').EngineModule} module
   * @param {{ name: string, kind: StorageKind, changedFiles: () => { write: string[], remove: string[] } }} options
   *   `changedFiles` names the store files changed since it was last called.
   */
  constructor(module, { name, kind, changedFiles }) {
    this.#module = module
    this.#name = name
    this.#kind = kind
    this.#changedFiles = changedFiles
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
        await this.#module.loadStore()
      } catch (cause) {
        throw new StorageUnavailableError(`could not read "${this.#name}" from IndexedDB: ${messageOf(cause)}`, { cause })
      }
    }
    return dir
  }

  /**
   * Resolves once a sync to IndexedDB that started after this call has finished, so that
   * everything the engine wrote before the call is durable.
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
    const { write, remove } = this.#changedFiles()
    for (const name of write) this.#unsaved.set(name, true)
    for (const name of remove) this.#unsaved.set(name, false)
    if (this.#unsaved.size === 0) return Promise.resolve()
    const saving = new Map(this.#unsaved)
    this.#unsaved.clear()
    this.syncCount++
    const files = [...saving]
    const running = this.#module
      .persistFiles(files.filter(([, exists]) => exists).map(([name]) => name), files.filter(([, exists]) => !exists).map(([name]) => name))
      .catch((cause) => {
        // Not in IndexedDB: try these again with the next sync, unless changed since.
        for (const [name, exists] of saving) if (!this.#unsaved.has(name)) this.#unsaved.set(name, exists)
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
