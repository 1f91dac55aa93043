// Storage in this instance's memory: the entries are lost when it closes. No other instance
// shares it, so nothing is ever read back but what this one wrote.

import { StorageUnavailableError } from '../errors.js'
import { INDEX_PREFIXES } from './entries.js'

/** @implements {import('./backend.d.ts').StorageBackend} */
export class MemoryBackend {
  kind = 'memory'
  shared = false
  stamp = 0
  /** @type {Map<string, Uint8Array>} */
  #entries = new Map()
  #closed = false

  constructor(name) {
    this.name = name
  }

  async open() {}

  async readIndex() {
    return this.#select((name) => INDEX_PREFIXES.some((prefix) => name.startsWith(prefix)))
  }

  async readRun({ prefix, folded, from = prefix }) {
    return this.#select((name) => (name.startsWith(prefix) && name >= from) || name === folded)
  }

  async readSince() {
    return []
  }

  async write({ put, remove, removePrefixes }) {
    if (this.#closed) throw new StorageUnavailableError(`storage "${this.name}" is closed`)
    for (const name of remove) this.#entries.delete(name)
    for (const prefix of removePrefixes) {
      for (const name of [...this.#entries.keys()]) if (name.startsWith(prefix)) this.#entries.delete(name)
    }
    for (const { name, contents } of put) this.#entries.set(name, contents)
    return ++this.stamp
  }

  close() {
    this.#closed = true
  }

  #select(wanted) {
    const entries = []
    for (const [name, contents] of this.#entries) if (wanted(name)) entries.push({ name, contents })
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    return entries
  }
}
