// Storage in IndexedDB, shared by every tab of the origin. The database is the one Emscripten's
// IDBFS opens for the mount /crux/<name>, and every entry is stored as IDBFS stores a file —
// `{ timestamp, mode, contents }` keyed by its path — so the store stays a directory IDBFS can
// mount. Each write is one transaction that puts and deletes exactly the entries the engine
// named; each carries a stamp (the `timestamp`) above every stamp before it, which is how a tab
// finds what other tabs wrote since it last looked (readSince). Writers take turns through the
// writer lease (writer-lease.js), so stamps only grow.

import { StorageUnavailableError } from '../errors.js'
import { INDEX_PREFIXES, prefixEnd } from './entries.js'
import { IDBFS_STORE, openIdbfsDatabase } from './idbfs-database.js'

const FILE_MODE = 0o100644 // a regular file, as IDBFS records one

/** @implements {import('./backend.d.ts').StorageBackend} */
export class IndexedDbBackend {
  kind = 'indexeddb'
  shared = true
  /** The newest stamp this tab has read or written; -Infinity until the index is read. */
  stamp = -Infinity
  /** The database went away under this tab (deleted, or closed by the browser): what memory holds is stale. */
  lost = false

  /** The mount point IDBFS would name the database after; entries are keyed `${mount}/<name>`. */
  #mount
  #dir
  /** @type {IDBDatabase | undefined} */
  #db
  /** @type {Promise<IDBDatabase> | undefined} */
  #connecting
  #closed = false

  constructor(name) {
    this.name = name
    this.#mount = `/crux/${name}`
    this.#dir = `${this.#mount}/`
  }

  async open() {
    if (typeof indexedDB === 'undefined') throw new StorageUnavailableError('IndexedDB is not available here')
    await this.#connect()
  }

  async readIndex() {
    this.lost = false
    return this.#read((files, done) => {
      const lists = INDEX_PREFIXES.map((prefix) => this.#range(files, prefix))
      const newest = request(files.index('timestamp').openCursor(null, 'prev'))
      return done(async () => {
        const cursor = await newest
        this.stamp = cursor ? stampOf(cursor.value) : 0
        return (await Promise.all(lists)).flat()
      })
    })
  }

  async readRun({ prefix, folded, from }) {
    return this.#read((files, done) => {
      const journal = this.#range(files, prefix, from)
      const whole = request(files.get(this.#dir + folded))
      return done(async () => {
        const entries = await journal
        const value = await whole
        if (value) entries.unshift({ name: folded, contents: value.contents })
        return entries
      })
    })
  }

  async readSince() {
    return this.#read((files, done) => {
      const range = IDBKeyRange.lowerBound(new Date(this.stamp), true)
      const byTime = files.index('timestamp')
      const keys = request(byTime.getAllKeys(range))
      const values = request(byTime.getAll(range))
      return done(async () => {
        const names = await keys
        const found = await values
        const entries = []
        names.forEach((path, i) => {
          const value = found[i]
          if (typeof path !== 'string' || !path.startsWith(this.#dir) || !ArrayBuffer.isView(value?.contents)) return
          this.stamp = Math.max(this.stamp, stampOf(value))
          entries.push({ name: path.slice(this.#dir.length), contents: value.contents })
        })
        return entries
      })
    })
  }

  /** One transaction: removals first, then puts. Resolves with its stamp once durable. */
  async write({ put, remove, removePrefixes }) {
    const tx = await this.#transaction('readwrite')
    const stamp = Math.max(Date.now(), this.stamp + 1)
    await new Promise((resolve, reject) => {
      let failure
      tx.addEventListener('complete', () => (failure ? reject(failure) : resolve()))
      tx.addEventListener('abort', () => reject(failure ?? this.#unavailable('write', tx.error)))
      // A failed request aborts the whole transaction (nothing is half written): keep its error.
      tx.addEventListener('error', (event) => {
        failure ??= this.#unavailable('write', event.target?.error)
      })
      try {
        const files = tx.objectStore(IDBFS_STORE)
        for (const name of remove) files.delete(this.#dir + name)
        for (const prefix of removePrefixes) {
          files.delete(IDBKeyRange.bound(this.#dir + prefix, this.#dir + prefixEnd(prefix), false, true))
        }
        const timestamp = new Date(stamp)
        for (const { name, contents } of put) files.put({ timestamp, mode: FILE_MODE, contents }, this.#dir + name)
      } catch (error) {
        failure ??= this.#unavailable('write', error)
        try {
          tx.abort()
        } catch {
          // aborted already
        }
      }
    })
    this.stamp = stamp
    return stamp
  }

  close() {
    this.#closed = true
    const db = this.#db
    this.#db = undefined
    db?.close()
  }

  /** The entries named with `prefix` (from `from` on, when given), read in transaction `files`. */
  async #range(files, prefix, from = prefix) {
    const range = IDBKeyRange.bound(this.#dir + from, this.#dir + prefixEnd(prefix), false, true)
    const keys = request(files.getAllKeys(range))
    const values = request(files.getAll(range))
    const names = await keys
    const found = await values
    return names.map((path, i) => ({ name: path.slice(this.#dir.length), contents: found[i].contents }))
  }

  /** Runs `issue(files, done)` in a read-only transaction; resolves with what `done`'s function gives. */
  async #read(issue) {
    const tx = await this.#transaction('readonly')
    const finished = new Promise((resolve, reject) => {
      tx.addEventListener('complete', resolve)
      tx.addEventListener('abort', () => reject(this.#unavailable('read', tx.error)))
    })
    let result
    issue(tx.objectStore(IDBFS_STORE), (collect) => {
      result = collect()
    })
    await finished
    return result
  }

  async #transaction(mode) {
    if (this.#closed) throw new StorageUnavailableError(`storage "${this.name}" is closed`)
    const begin = async () => (await this.#connect()).transaction([IDBFS_STORE], mode)
    try {
      return await begin()
    } catch (cause) {
      if (cause?.name !== 'InvalidStateError') throw asUnavailable(cause, this.name)
      // The connection was closed under us (the database deleted, or the browser closed it).
      this.#db = undefined
      return begin().catch((again) => {
        throw asUnavailable(again, this.name)
      })
    }
  }

  /** The database connection, opened again if it was lost (one open at a time). */
  async #connect() {
    if (this.#db) return this.#db
    this.#connecting ??= openIdbfsDatabase(this.#mount, (db) => {
      if (this.#db !== db) return
      this.#db = undefined
      this.lost = true
    }).then(
      (db) => {
        this.#connecting = undefined
        if (this.#closed) db.close()
        else this.#db = db
        return db
      },
      (cause) => {
        this.#connecting = undefined
        throw unavailable(`could not open "${this.name}" in IndexedDB`, cause)
      },
    )
    return this.#connecting
  }

  #unavailable(what, cause) {
    return unavailable(`could not ${what} "${this.name}" in IndexedDB`, cause)
  }
}

/** The result of an IDBRequest, as a promise (requests of one transaction complete in order). */
function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error)
  })
}

function stampOf(value) {
  const stamp = value?.timestamp instanceof Date ? value.timestamp.getTime() : Number(value?.timestamp)
  return Number.isFinite(stamp) ? stamp : 0
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
