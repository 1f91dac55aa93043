// The store directory of one engine module and its durability: an IDBFS mount whose files
// live in IndexedDB ('indexeddb', shared by every tab of the origin), or plain memory.
//
// Every tab keeps a whole copy of the store's files. A transaction here is one IndexedDB
// transaction that first copies in the files other tabs changed since this tab last looked,
// then runs the caller's synchronous work (the engine takes the new records in and makes its
// own changes), then writes exactly the files the work changed. IndexedDB runs read/write
// transactions over the same object store one at a time, across tabs, so no tab ever writes
// over records it has not read. Each write carries a stamp (IDBFS's `timestamp` field) larger
// than any before it, which is how a tab finds what changed since its last look.

import { StorageUnavailableError } from './errors.js'

/** @typedef {'indexeddb' | 'memory'} StorageKind */

export class Storage {
  /** Transactions that wrote to IndexedDB so far. */
  writeCount = 0

  #module
  #name
  #kind
  #dir
  /** @type {IDBDatabase | undefined} */
  #db
  #storeName
  /** The largest stamp this tab has copied in or written; -Infinity: copy everything in. */
  #seen = -Infinity
  /** @type {() => { write: string[], remove: string[] }} */
  #changedFiles
  #closed = false

  /**
   * @param {import('./module.d.ts').EngineModule} module
   * @param {{ name: string, kind: StorageKind, changedFiles: () => { write: string[], remove: string[] } }} options
   *   `changedFiles` names the store files the work changed since it was last called.
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

  /** Whether other tabs share this store (and so changes must be read in before each write). */
  get shared() {
    return this.#kind === 'indexeddb'
  }

  /** The stamp of the newest change this tab holds. */
  get stamp() {
    return this.#seen
  }

  /**
   * Mount the directory and, for 'indexeddb', open its database. Resolves to the directory
   * path; its files arrive with the first transaction.
   * @returns {Promise<string>}
   */
  async open() {
    // Without IndexedDB, IDBFS would abort the whole module on an assertion.
    if (this.#kind === 'indexeddb' && typeof indexedDB === 'undefined') {
      throw new StorageUnavailableError('IndexedDB is not available here')
    }
    this.#dir = this.#module.mountStore(this.#name, this.#kind)
    if (this.#kind === 'indexeddb') await this.#connect()
    return this.#dir
  }

  /** The database connection, opened again if it was lost (then everything is read back). */
  async #connect() {
    if (this.#db) return this.#db
    try {
      const { db, storeName } = await this.#module.openStoreDatabase()
      this.#db = db
      this.#storeName = storeName
    } catch (cause) {
      throw unavailable(`could not open "${this.#name}" in IndexedDB`, cause)
    }
    this.#seen = -Infinity
    return this.#db
  }

  /**
   * Copies in what other tabs changed, runs `work(copied)` (synchronous; `copied` says whether
   * any file came in or went), and, when `writing`, writes the files it changed, all in one
   * IndexedDB transaction. Resolves with `{ value, stamp }` (`stamp` set when something was
   * written) once IndexedDB has it all.
   *
   * If the transaction fails, nothing of it is in IndexedDB: the files are copied in again from
   * there and `undo()` runs, so that the engine takes back what the work did; then it rejects
   * with StorageUnavailableError. An error thrown by `work` aborts nothing written and is
   * passed on.
   * @template T
   * @param {boolean} writing
   * @param {(copied: boolean) => T} work
   * @param {() => void} undo
   * @returns {Promise<{ value: T, stamp?: number }>}
   */
  async transact(writing, work, undo) {
    if (this.#closed) throw new StorageUnavailableError(`storage "${this.#name}" is closed`)
    if (!this.shared) {
      const value = work(false)
      this.#changedFiles()
      return { value }
    }
    try {
      return await this.#transaction(writing, work)
    } catch (error) {
      if (!(error instanceof StorageUnavailableError)) throw error
      // Nothing of it reached IndexedDB: read everything back from there.
      this.#seen = -Infinity
      try {
        await this.#transaction(false, undo)
      } catch {
        // IndexedDB cannot be read either: the next transaction copies everything in first.
      }
      throw error
    }
  }

  /** Release the IndexedDB connection; transactions after this fail. */
  close() {
    this.#closed = true
    this.#module.closeStore()
  }

  async #transaction(writing, work) {
    const begin = async () => (await this.#connect()).transaction([this.#storeName], writing ? 'readwrite' : 'readonly')
    let tx
    try {
      tx = await begin()
    } catch (cause) {
      if (cause?.name !== 'InvalidStateError') throw asUnavailable(cause, this.#name)
      // The connection was closed under us (the database deleted, or the browser closed it).
      this.#db = undefined
      tx = await begin().catch((again) => {
        throw asUnavailable(again, this.#name)
      })
    }
    return this.#run(tx, writing, work)
  }

  #run(tx, writing, work) {
    return new Promise((resolve, reject) => {
      let outcome
      let failure
      let written
      const fail = (cause) => {
        failure ??= unavailable(`could not ${writing ? 'write' : 'read'} "${this.#name}" in IndexedDB`, cause)
      }
      tx.addEventListener('complete', () => {
        if (failure) return reject(failure)
        if (written !== undefined) {
          this.#seen = written
          this.writeCount++
        }
        resolve({ value: outcome, stamp: written })
      })
      tx.addEventListener('abort', () => {
        fail(tx.error)
        reject(failure)
      })
      // A failed request aborts the whole transaction (nothing is half written): keep its error.
      tx.addEventListener('error', (event) => fail(event.target?.error))

      const files = tx.objectStore(this.#storeName)
      // From here on all is synchronous inside the transaction's callbacks, so it stays open.
      const proceed = (paths, changed) => {
        try {
          outcome = work(this.#copyIn(paths, changed))
        } catch (error) {
          failure = error
          if (writing) tx.abort()
          return
        }
        if (writing) written = this.#writeChanged(files)
      }
      const changed = []
      const everything = this.#seen === -Infinity // (also after a failed commit: put it all back)
      const range = everything ? undefined : IDBKeyRange.lowerBound(new Date(this.#seen), true)
      files.index('timestamp').openCursor(range).onsuccess = (event) => {
        const cursor = event.target.result
        if (cursor) {
          changed.push({ path: cursor.primaryKey, entry: cursor.value })
          cursor.continue()
        } else if (changed.length === 0 && !everything) {
          proceed(undefined, changed) // nothing new, so nothing removed either (see #copyIn)
        } else {
          files.getAllKeys().onsuccess = (keys) => proceed(keys.target.result, changed)
        }
      }
    })
  }

  /**
   * Brings the directory to what IndexedDB holds: changed files copied in, deleted ones removed.
   * `paths` (every key) is read only when something changed: the engine removes files only when
   * it also writes one (compaction writes a snapshot), so a removal always comes with a newer
   * entry. Returns whether anything changed.
   */
  #copyIn(paths, changed) {
    let copied = false
    const FS = this.#module.FS
    const prefix = `${this.#dir}/`
    for (const { path, entry } of changed) {
      // Only files: IDBFS also stores directories (no contents), which the store never makes.
      if (typeof path !== 'string' || !path.startsWith(prefix) || !ArrayBuffer.isView(entry?.contents)) continue
      FS.writeFile(path, entry.contents)
      copied = true
      const stamp = entry.timestamp instanceof Date ? entry.timestamp.getTime() : Number(entry.timestamp)
      if (Number.isFinite(stamp)) this.#seen = Math.max(this.#seen, stamp)
    }
    if (!paths) return copied
    const kept = new Set(paths)
    for (const name of FS.readdir(this.#dir)) {
      if (name !== '.' && name !== '..' && !kept.has(prefix + name)) {
        FS.unlink(prefix + name)
        copied = true
      }
    }
    return copied
  }

  /**
   * Writes the files the engine changed with one new stamp; returns the stamp, or undefined if
   * no file was written. (A stamp must belong to a stored entry: a tab reading all entries in
   * takes the largest as its own, and its next stamp must be above every stamp any tab holds.)
   */
  #writeChanged(files) {
    const { write, remove } = this.#changedFiles()
    const FS = this.#module.FS
    const stamp = Math.max(Date.now(), this.#seen + 1)
    const timestamp = new Date(stamp)
    let stored = false
    for (const name of write) {
      const path = `${this.#dir}/${name}`
      if (FS.analyzePath(path).exists) {
        files.put({ timestamp, mode: FS.stat(path).mode, contents: FS.readFile(path) }, path)
        stored = true
      } else {
        files.delete(path)
      }
    }
    for (const name of remove) files.delete(`${this.#dir}/${name}`)
    return stored ? stamp : undefined
  }
}

function asUnavailable(error, name) {
  return error instanceof StorageUnavailableError ? error : unavailable(`could not use "${name}" in IndexedDB`, error)
}

function unavailable(message, cause) {
  return new StorageUnavailableError(`${message}: ${messageOf(cause)}`, { cause })
}

function messageOf(error) {
  if (error instanceof Error || (error && typeof error.message === 'string')) {
    return error.name && error.name !== 'Error' ? `${error.name}: ${error.message}` : error.message
  }
  return String(error ?? 'unknown error')
}
