// Engine builds compared on the path that decides how a build is optimized (README: Module
// sizes): the engine's `open` of a store of 10,000 suspended recipe runs, each with its plan.
// Builds take turns in this one process, each open on a fresh module instance (fresh memory, as
// a page has); figures are medians and ratios against the first build.
//   node bench/engine-builds.mjs build/wasm build/wasm-variant ...
// Each directory holds a crux.mjs + crux.wasm (a build directory, or a copy of js/core/dist).
// The store's index is made once through the public API (with js/core/dist, in fake-indexeddb,
// about a minute) and kept in build/bench-engine/.
import 'fake-indexeddb/auto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { createCrux } from '@crux/core'
import { IndexedDbBackend } from '../js/core/src/storage/indexeddb-backend.js'
import { packEntries } from '../js/core/src/storage/entries.js'
import { defineWriterFlow, writerInput } from './browser/page/writer-flow.js'
import { median } from './browser/stats.mjs'
import { buildDirs, engineOf, instanceMakers } from './engine-instances.mjs'

const builds = buildDirs('engine-builds.mjs')
const rounds = 9
const flows = 10_000
const kept = resolve('build/bench-engine')

/** The index a store of `flows` suspended recipe runs opens with: { layout, bytes }. */
async function storeIndex() {
  const layoutFile = `${kept}/index-${flows}.layout`
  const bytesFile = `${kept}/index-${flows}.bytes`
  if (!existsSync(bytesFile)) {
    console.log(`making a store of ${flows} suspended recipe runs (once, kept in ${kept})`)
    const crux = createCrux({ name: 'engine-builds' })
    const def = defineWriterFlow(crux, { timeout: '365d' })
    for (let done = 0; done < flows; done += 250) {
      await Promise.all(Array.from({ length: 250 }, (_, i) => def.start(writerInput(done + i), { flowId: `run-${done + i}` })))
      while ((await crux.listFlows({ status: 'suspended' })).length < done + 250) await new Promise((r) => setTimeout(r, 20))
    }
    await crux.close()
    const backend = new IndexedDbBackend('engine-builds')
    await backend.open()
    const { layout, bytes } = packEntries(await backend.readIndex())
    mkdirSync(kept, { recursive: true })
    writeFileSync(layoutFile, layout)
    writeFileSync(bytesFile, bytes)
  }
  return { layout: readFileSync(layoutFile, 'utf8'), bytes: new Uint8Array(readFileSync(bytesFile)) }
}

const { layout, bytes } = await storeIndex()
const instances = await instanceMakers(builds)
const times = Object.fromEntries(builds.map((dir) => [dir, []]))
for (let round = 0; round < rounds; round++) {
  for (const dir of builds) {
    const module = await instances[dir]()
    const engine = engineOf(module)
    const t0 = performance.now()
    const reply = engine.open(layout, bytes)
    times[dir].push(performance.now() - t0)
    if (!reply.startsWith('{"ok"')) throw new Error(`${dir}: open failed: ${reply.slice(0, 300)}`)
    engine.delete?.()
  }
}
const first = median(times[builds[0]])
console.log(`open of ${flows} stored flows (${(bytes.length / 1e6).toFixed(1)} MB index), median of ${rounds} fresh instances:`)
for (const dir of builds) {
  const m = median(times[dir])
  console.log(`  ${dir.padEnd(28)} ${m.toFixed(1).padStart(7)} ms  ${(m / first).toFixed(2)}× the first`)
}
