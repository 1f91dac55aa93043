// The IndexedDB database Emscripten's IDBFS keeps a mount in, opened the way IDBFS opens it
// (library_idbfs.js: named after the mount point, version 21, object store FILE_DATA with a
// `timestamp` index). Opened here rather than through the engine module so that a page opens it
// while crux.wasm is still compiling, and the store stays a directory IDBFS can mount.

export const IDBFS_VERSION = 21
export const IDBFS_STORE = 'FILE_DATA'

/**
 * Opens (creating it if needed) the database of mount point `dir`. Rejects with the request's
 * error; once open, the connection closes itself when another one deletes or upgrades the
 * database, and `onLost` is called when it closes for any reason but close() of ours.
 * @returns {Promise<IDBDatabase>}
 */
export function openIdbfsDatabase(dir, onLost) {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(dir, IDBFS_VERSION)
    request.onupgradeneeded = () => {
      const db = request.result
      const files = db.objectStoreNames.contains(IDBFS_STORE)
        ? request.transaction.objectStore(IDBFS_STORE)
        : db.createObjectStore(IDBFS_STORE)
      if (!files.indexNames.contains('timestamp')) files.createIndex('timestamp', 'timestamp', { unique: false })
    }
    request.onsuccess = () => {
      const db = request.result
      db.addEventListener('versionchange', () => {
        db.close()
        onLost(db)
      })
      db.addEventListener('close', () => onLost(db))
      resolve(db)
    }
    request.onerror = (event) => {
      event.preventDefault()
      reject(request.error ?? new Error(`IndexedDB open ${event.type}`))
    }
    request.onblocked = () => {} // an older connection closes itself on versionchange
  })
}
