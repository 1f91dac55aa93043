// Engine builds compared on reading JSON numbers with fractions (bindings/libc_numbers.cpp gives
// nlohmann/json's strtod to JavaScript's Number instead of musl's long double code): a plan
// whose metadata holds embeddings, 4 MB of floats (under the 4 MiB payload limit), created through
// planCreate, which parses the fields and writes the plan's JSON. (A step's result is recorded as
// the text JavaScript wrote, not parsed.) Builds take turns in this one process, each on a fresh
// module instance; figures are medians and ratios against the first build.
//   node bench/json-numbers.mjs build/wasm other-build/wasm ...
// Each directory holds a crux.mjs + crux.wasm (a build directory, or a copy of js/core/dist).
import { median } from './browser/stats.mjs'
import { buildDirs, engineOf, instanceMakers } from './engine-instances.mjs'

const builds = buildDirs('json-numbers.mjs')
const rounds = 9

// Deterministic "embeddings": 1,536 floats each, as an embedding API returns them.
let seed = 1
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1
const vectors = []
let text = '[]'
while (text.length < 4_000_000) {
  vectors.push(Array.from({ length: 1536 }, () => random() * 0.1))
  text = JSON.stringify(vectors)
}
vectors.pop()
const fields = JSON.stringify({ title: 'embeddings', metadata: { vectors } })
const floats = vectors.length * 1536

const instances = await instanceMakers(builds)

function ok(reply) {
  if (!reply.startsWith('{"ok"')) throw new Error(`engine: ${reply.slice(0, 300)}`)
  return JSON.parse(reply).ok
}

const times = Object.fromEntries(builds.map((dir) => [dir, []]))
for (let round = 0; round < rounds; round++) {
  for (const dir of builds) {
    const module = await instances[dir]()
    const engine = engineOf(module)
    ok(engine.open('[]', new Uint8Array()))
    const t0 = performance.now()
    ok(engine.planCreate(fields, 0))
    times[dir].push(performance.now() - t0)
  }
}
const first = median(times[builds[0]])
console.log(`planCreate of ${(fields.length / 1e6).toFixed(1)} MB of fields holding ${floats.toLocaleString('en')} floats, median of ${rounds} fresh instances:`)
for (const dir of builds) {
  const m = median(times[dir])
  console.log(`  ${dir.padEnd(28)} ${m.toFixed(1).padStart(7)} ms  ${((m * 1e6) / floats).toFixed(0).padStart(5)} ns a float  ${(m / first).toFixed(2)}× the first`)
}
