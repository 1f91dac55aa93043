// Crux benchmarks in Node on the WASM build with fake-indexeddb. Figures are medians, and
// ratios against baselines run in this same process (these machines are shared and noisy).
//   npm run bench            (or: node bench/run.mjs [--quick])
import 'fake-indexeddb/auto'
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { performance } from 'node:perf_hooks'
import { createCrux } from '@crux/core'

const quick = process.argv.includes('--quick')
const results = {}
let instances = 0
const fresh = (storage = 'indexeddb') => createCrux({ name: `bench-${process.pid}-${instances++}`, storage })

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]
const ms = (x) => `${x.toFixed(3)} ms`

/** Baseline: one 1 KB put in its own IndexedDB transaction, awaited to completion. */
async function idbPutBaseline(count) {
  const db = await new Promise((resolve, reject) => {
    const open = indexedDB.open(`bench-baseline-${process.pid}`, 1)
    open.onupgradeneeded = () => open.result.createObjectStore('kv')
    open.onsuccess = () => resolve(open.result)
    open.onerror = () => reject(open.error)
  })
  const value = 'x'.repeat(1024)
  const times = []
  for (let i = 0; i < count; i++) {
    const t0 = performance.now()
    await new Promise((resolve, reject) => {
      const tx = db.transaction('kv', 'readwrite')
      tx.objectStore('kv').put(value, i)
      tx.oncomplete = resolve
      tx.onerror = () => reject(tx.error)
    })
    times.push(performance.now() - t0)
  }
  db.close()
  return median(times)
}

/** Per-step times of a run of `count` new steps, then (after a reload) of their replay. */
async function stepCosts(count) {
  let crux = fresh()
  const name = crux.name
  const newStep = []
  let replayTotal
  const body = (record) => async (flow) => {
    const t0 = performance.now()
    for (let i = 0; i < count; i++) {
      const t = performance.now()
      await flow.step('s', () => ({ i, text: 'a step result of about a hundred bytes, as JSON text'.slice(0, 60) }))
      if (record) newStep.push(performance.now() - t)
    }
    const replayed = performance.now() - t0
    await flow.suspend('go')
    if (!record) replayTotal = replayed
    return 'done'
  }
  const def = crux.flow('steps', body(true))
  const handle = await def.start()
  while ((await handle.status()).status !== 'suspended') await new Promise((r) => setTimeout(r, 5))
  await crux.close()
  crux = createCrux({ name })
  crux.flow('steps', body(false))
  await crux.signalFlow(handle.flowId, 'go', {})
  await crux.getFlow(handle.flowId).result()
  await crux.close()
  return { newStep: median(newStep), replayTotal }
}

/** Median commit (a signal to a suspended run, durable) with `flows` runs stored. */
async function commitCost(flows, samples) {
  const crux = fresh()
  const def = crux.flow('idle', async (flow) => flow.suspend('never'))
  for (let done = 0; done < flows; done += 500) {
    const batch = Math.min(500, flows - done)
    await Promise.all(Array.from({ length: batch }, () => def.start({ pad: 'x'.repeat(100) })))
  }
  const target = (await def.start()).flowId
  const times = []
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now()
    await crux.signalFlow(target, `noise-${i}`, { i })
    times.push(performance.now() - t0)
  }
  await crux.close()
  return { median: median(times), p95: p95(times), name: crux.name }
}

/**
 * Median plan update when the tabs take turns (each commit first reads in the other tab's last
 * one), against one tab making the same updates alone.
 */
async function tabsCost(samples) {
  const timeUpdates = async (tabs) => {
    const first = await tabs[0].plan({ title: 'shared', metadata: {} })
    const times = []
    for (let i = 0; i < samples; i++) {
      const t0 = performance.now()
      await tabs[i % tabs.length].updatePlan(first.id, { metadata: { [`k${i % 50}`]: i } })
      times.push(performance.now() - t0)
    }
    await Promise.all(tabs.map((tab) => tab.close()))
    return median(times)
  }
  const alone = fresh()
  const aloneMs = await timeUpdates([alone])
  const name = `bench-tabs-${process.pid}`
  const takingTurnsMs = await timeUpdates([createCrux({ name }), createCrux({ name })])
  return { aloneMs, takingTurnsMs }
}

async function coldStart(name) {
  const t0 = performance.now()
  const crux = createCrux({ name })
  await crux.ready()
  const elapsed = performance.now() - t0
  await crux.close()
  return elapsed
}

function sizes() {
  const dist = new URL('../js/core/dist/', import.meta.url)
  const wasm = readFileSync(new URL('crux.wasm', dist))
  const js = readFileSync(new URL('crux.mjs', dist))
  return { wasmGzip: gzipSync(wasm, { level: 9 }).length, jsGzip: gzipSync(js, { level: 9 }).length }
}

// Warm the shared compiled module so the first measurement does not pay for compilation.
await coldStart(`bench-warmup-${process.pid}`)

const baseline = await idbPutBaseline(quick ? 50 : 200)
results.idbPutMs = baseline
console.log(`baseline: one 1 KB IndexedDB put, own transaction      ${ms(baseline)}`)

const steps = await stepCosts(quick ? 100 : 1000)
results.newStepMs = steps.newStep
results.replayStepMs = steps.replayTotal / (quick ? 100 : 1000)
results.replay1000Ms = steps.replayTotal * (quick ? 10 : 1)
console.log(`new durable step                                      ${ms(steps.newStep)}  (${(steps.newStep / baseline).toFixed(2)}× the baseline put)`)
console.log(`replayed step                                         ${ms(results.replayStepMs)}  (${(results.replayStepMs / steps.newStep).toFixed(4)}× a new step)`)
console.log(`1,000-step replay${quick ? ' (extrapolated)' : ''}                                 ${ms(results.replay1000Ms)}  (${(results.replay1000Ms / (steps.newStep * 1000)).toFixed(2)}× running those 1,000 steps new)`)

const counts = quick ? [10, 1000] : [10, 1000, 10000]
const commits = {}
for (const flows of counts) {
  commits[flows] = await commitCost(flows, quick ? 30 : 100)
  const vs = flows === 10 ? '' : `  (${(commits[flows].median / commits[10].median).toFixed(2)}× the 10-flow commit` +
    (flows > 1000 ? `, ${(commits[flows].median / commits[1000].median).toFixed(2)}× the 1,000-flow one)` : ')')
  console.log(`commit with ${String(flows).padStart(5)} stored flows                       ${ms(commits[flows].median)}  p95 ${ms(commits[flows].p95)}${vs}`)
}
results.commitMs = Object.fromEntries(counts.map((n) => [n, commits[n].median]))

const tabs = await tabsCost(quick ? 100 : 400)
results.tabs = tabs
console.log(`plan update, one tab alone                            ${ms(tabs.aloneMs)}`)
console.log(`plan update, two tabs taking turns                    ${ms(tabs.takingTurnsMs)}  (${(tabs.takingTurnsMs / tabs.aloneMs).toFixed(2)}× alone: each reads the other's commit in)`)

const empty = await coldStart(`bench-empty-${process.pid}`)
const loaded = await coldStart(commits[1000].name)
results.coldStartEmptyMs = empty
results.coldStart1000Ms = loaded
console.log(`cold start, empty store                               ${ms(empty)}`)
console.log(`cold start, 1,000 stored flows                        ${ms(loaded)}  (${(loaded / empty).toFixed(2)}× the empty start)`)

results.sizes = sizes()
console.log(`crux.wasm gzipped ${(results.sizes.wasmGzip / 1024).toFixed(1)} KiB, crux.mjs gzipped ${(results.sizes.jsGzip / 1024).toFixed(1)} KiB`)

mkdirSync(new URL('./results/', import.meta.url), { recursive: true })
writeFileSync(new URL('./results/latest.json', import.meta.url), JSON.stringify(results, null, 2))
