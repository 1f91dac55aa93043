// A Crux store's files as IDBFS keeps them in IndexedDB: one database per mount, named after
// the mount path `/crux/<name>`, with an object store FILE_DATA of `{ timestamp, mode, contents }`
// entries keyed by file path (see js/core/src/storage/idbfs-database.js). The tests read and damage them from a
// page of the app's origin that runs no Crux instance, as a person's disk could.

/** Opens a blank page of the app's origin, running no Crux instance (so none holds the database). */
export async function openBlankPage(browser, url) {
  const page = await browser.newPage()
  const blank = new URL('__blank', url).href
  await page.route(blank, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>blank</title>' }))
  await page.goto(blank)
  return page
}

/** The store's files, as `{ file: bytes }` (bytes as a plain array; directories left out). */
export function readStoreFiles(page, name) {
  return page.evaluate(async (database) => {
    const request = (req) => new Promise((resolve, reject) => {
      req.onsuccess = () => resolve(req.result)
      req.onerror = () => reject(req.error)
    })
    const db = await request(indexedDB.open(database))
    try {
      const store = db.transaction('FILE_DATA', 'readonly').objectStore('FILE_DATA')
      const [keys, entries] = await Promise.all([request(store.getAllKeys()), request(store.getAll())])
      const files = {}
      keys.forEach((key, i) => {
        if (entries[i].contents) files[key.slice(database.length + 1)] = Array.from(entries[i].contents)
      })
      return files
    } finally {
      db.close()
    }
  }, `/crux/${name}`)
}

/** Inverts the byte at `offset` of store file `file`, in place in IndexedDB. */
export function flipByte(page, name, file, offset) {
  return page.evaluate(async ({ database, path, offset }) => {
    const request = (req) => new Promise((resolve, reject) => {
      req.onsuccess = () => resolve(req.result)
      req.onerror = () => reject(req.error)
    })
    const db = await request(indexedDB.open(database))
    try {
      const tx = db.transaction('FILE_DATA', 'readwrite')
      const store = tx.objectStore('FILE_DATA')
      const entry = await request(store.get(path))
      if (!entry?.contents || offset >= entry.contents.length) throw new Error(`no byte ${offset} in ${path}`)
      const contents = new Uint8Array(entry.contents)
      contents[offset] ^= 0xff
      store.put({ ...entry, contents }, path)
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve
        tx.onabort = () => reject(tx.error)
      })
    } finally {
      db.close()
    }
  }, { database: `/crux/${name}`, path: `/crux/${name}/${file}`, offset })
}

/** Deletes the store's database (a fresh start for the next test on the same profile). */
export function deleteStore(page, name) {
  return page.evaluate((database) => new Promise((resolve, reject) => {
    const req = indexedDB.deleteDatabase(database)
    req.onsuccess = () => resolve()
    req.onerror = () => reject(req.error)
  }), `/crux/${name}`)
}
