// Times signals through the public API on the WASM build (fake-indexeddb): the costliest
// payloads we could build against kValidationBudget, a realistic 4 MiB payload, and a trivial
// refusal as the baseline. Run: node bench/schema_budget.mjs
import 'fake-indexeddb/auto'
import { createCrux } from '@crux/core'

const crux = createCrux({ name: `bench-${Date.now()}` })
const anyOf = { anyOf: [{ type: 'array', items: { $ref: '#' } }, { type: 'array', minItems: 1, items: { $ref: '#' } }, { type: 'string' }] }
let deep = 1
for (let i = 0; i < 25; i++) deep = [deep]
const objects = { type: 'array', items: { type: 'object', properties: { id: { type: 'integer', minimum: 0 }, name: { type: 'string', minLength: 1 }, tags: { type: 'array', items: { type: 'string' } }, done: { type: 'boolean' }, kind: { enum: ['a', 'b', 'c'] } }, required: ['id', 'name', 'tags', 'done', 'kind'], additionalProperties: false } }
const realistic = []
for (let i = 0; i < 48_000; i++) { realistic.push({ id: i, name: `item number ${i}`, tags: ['alpha', 'beta'], done: i % 2 === 0, kind: 'b' }) }
console.log(`realistic payload: ${JSON.stringify(realistic).length} bytes`)
const failing = Array.from({ length: 500_000 }, (_, i) => i)
const cases = [
  ['trivial refusal (baseline)', { type: 'string' }, 5],
  ['anyOf doubling, depth 25', anyOf, deep],
  ['500k failing items', { items: { type: 'string' } }, failing],
  ['realistic 4 MiB objects', objects, realistic],
]
for (const [index, [label, schema, payload]] of cases.entries()) {
  const times = []
  let outcome
  for (let round = 0; round < 5; round++) {
    const handle = await crux.flow(`bench${index}r${round}`, async (flow) => flow.suspend('w', { schema })).start()
    for (let s = await handle.status(); s.status !== 'suspended'; s = await handle.status()) if (s.status === 'failed') throw new Error(JSON.stringify(s)); else await new Promise((r) => setTimeout(r, 5))
    const started = performance.now()
    try { await handle.signal('w', payload); outcome = 'accepted' } catch (error) { outcome = `${error.code}: ${error.message.slice(0, 70)}` }
    times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  console.log(`${label.padEnd(28)} median ${times[2].toFixed(1)} ms (min ${times[0].toFixed(1)}) -> ${outcome}`)
}
await crux.close()
