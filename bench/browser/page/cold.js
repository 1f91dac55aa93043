// Rows 6 and 7, each call in a freshly loaded page: createCrux → ready, its baseline, the raw
// read of a store's bytes, and the page's memory.
import { createCrux } from '@crux/core'
import wasmUrl from '@crux/core/dist/crux.wasm?url'
import { readAll } from './idb.js'

/** The baseline: compiling crux.wasm and opening an existing IndexedDB database, overlapped: ms. */
export async function coldBaseline() {
  const t0 = performance.now()
  const open = new Promise((resolve, reject) => {
    const request = indexedDB.open('bench-cold-baseline')
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  })
  const [, db] = await Promise.all([WebAssembly.compileStreaming(fetch(wasmUrl)), open])
  const ms = performance.now() - t0
  db.close()
  return ms
}

/**
 * createCrux on store `name` until ready() resolves (`ms`), then until a first listPlans() has
 * every plan (`listMs`, from the same start). The instance stays open.
 */
export async function coldStart({ name }) {
  const t0 = performance.now()
  const crux = createCrux({ name })
  await crux.ready()
  const ms = performance.now() - t0
  const plans = await crux.listPlans()
  const listMs = performance.now() - t0
  window.benchCrux = crux // kept, for the memory measurement that may follow
  return { ms, listMs, plans: plans.length }
}

/**
 * Reads every entry of the IndexedDB database(s) whose name contains the store's name, raw:
 * what loading the same bytes costs without the engine (how the store names them may change).
 */
export async function rawRead({ name }) {
  const names = (await indexedDB.databases()).map((d) => d.name).filter((n) => n.includes(name))
  const t0 = performance.now()
  let entries = 0
  for (const db of names) entries += await readAll(db)
  return { ms: performance.now() - t0, databases: names.length, entries }
}
