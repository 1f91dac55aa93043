// Bare IndexedDB, for the baselines every figure is a ratio against.

/** Opens (creating if needed) database `name` with one object store 'kv'. */
export function openKv(name) {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name, 1)
    open.onupgradeneeded = () => open.result.createObjectStore('kv')
    open.onsuccess = () => resolve(open.result)
    open.onerror = () => reject(open.error)
  })
}

/** One put in its own readwrite transaction, resolved once the transaction completes. */
export function putOne(db, key, value) {
  return new Promise((resolve, reject) => {
    const tx = db.transaction('kv', 'readwrite')
    tx.objectStore('kv').put(value, key)
    tx.oncomplete = () => resolve()
    tx.onerror = () => reject(tx.error)
    tx.onabort = () => reject(tx.error)
  })
}

/** Every entry of every object store of database `name`, read raw; resolves to how many entries. */
export async function readAll(name) {
  const db = await new Promise((resolve, reject) => {
    const open = indexedDB.open(name)
    open.onsuccess = () => resolve(open.result)
    open.onerror = () => reject(open.error)
  })
  const stores = [...db.objectStoreNames]
  let entries = 0
  if (stores.length > 0) {
    await new Promise((resolve, reject) => {
      const tx = db.transaction(stores, 'readonly')
      for (const store of stores) {
        tx.objectStore(store).getAll().onsuccess = (event) => {
          entries += event.target.result.length
        }
      }
      tx.oncomplete = () => resolve()
      tx.onerror = () => reject(tx.error)
    })
  }
  db.close()
  return entries
}
