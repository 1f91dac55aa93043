// The Chromium profiles the benchmark runs on, all on disk under build/bench-profiles/.
// Rows 6 and 7 open stores of 0, 1,000 and 10,000 suspended recipe runs. Making them through
// the API takes minutes, so they are made once per store format and kept in a profile named by
// a hash of crux.wasm, the page code that makes them and the port (the origin owns the
// databases); each session runs on a copy, so the kept stores are never changed.
// CRUX_BENCH_STORES=<name> keeps them under that name instead, whatever the build: for comparing
// builds that write the same store format without making the stores again for each.
import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openBrowser, port } from './session.mjs'

const root = fileURLToPath(new URL('../../', import.meta.url))
export const profilesDir = join(root, 'build/bench-profiles')

/** The stores rows 6 and 7 open, by the name given to createCrux. */
export const stores = [
  { name: 'cold-0', flows: 0 },
  { name: 'cold-1k', flows: 1000 },
  { name: 'cold-10k', flows: 10000 },
]

function storesKey() {
  if (process.env.CRUX_BENCH_STORES) return process.env.CRUX_BENCH_STORES
  const hash = createHash('sha256')
  for (const file of ['js/core/dist/crux.wasm', 'bench/browser/page/populate.js', 'bench/browser/page/writer-flow.js']) {
    hash.update(readFileSync(join(root, file)))
  }
  hash.update(String(port))
  hash.update(JSON.stringify(stores))
  return hash.digest('hex').slice(0, 12)
}

/** The kept profile with the stores, made first if this store format has none yet. */
export async function keptStores(url, log) {
  const dir = join(profilesDir, `stores-${storesKey()}`)
  const done = join(dir, 'populated.json')
  if (existsSync(done)) return dir
  mkdirSync(profilesDir, { recursive: true })
  for (const old of readdirSync(profilesDir)) {
    if (old.startsWith('stores-')) rmSync(join(profilesDir, old), { recursive: true, force: true })
  }
  log(`making the stores for rows 6 and 7 (once per store format) in ${dir}`)
  const t0 = Date.now()
  const browser = await openBrowser(dir, url, { log })
  try {
    await browser.freshPage()
    await browser.call('populateBaselineDatabase')
    for (const store of stores) await browser.call('populateStore', { name: store.name, flows: store.flows })
    if (browser.problems.length > 0) throw new Error(`making the stores: ${browser.problems.join('; ')}`)
  } catch (error) {
    await browser.close()
    rmSync(dir, { recursive: true, force: true })
    throw error
  }
  await browser.close()
  writeFileSync(done, JSON.stringify({ stores, seconds: (Date.now() - t0) / 1000, at: new Date().toISOString() }, null, 2))
  log(`stores made in ${((Date.now() - t0) / 1000).toFixed(0)} s`)
  return dir
}

/** A profile for this session: a copy of `from` (or empty), at build/bench-profiles/session. */
export function sessionProfile(from) {
  const dir = join(profilesDir, 'session')
  rmSync(dir, { recursive: true, force: true })
  if (from) cpSync(from, dir, { recursive: true, verbatimSymlinks: true })
  else mkdirSync(dir, { recursive: true })
  return dir
}

export function removeSessionProfile(dir) {
  rmSync(dir, { recursive: true, force: true })
}
