// One run of the selected rows in a browser session: the raw samples, from which report.mjs
// makes the table. Each row's scenario runs in a freshly loaded page.
import { stores } from './profiles.mjs'

const MiB = 1024 * 1024

/** Sample counts of one run. */
export const plan = {
  puts: 200, // before the rows, and again after them
  localPuts: 100, // just before and just after rows 1 and 3, whose ratios are against them
  steps: 200,
  together: { batches: 20, size: 100 },
  cycles: 20,
  long: { count: 1000, resumes: 5 },
  coldRounds: 5,
  // step results just under the 4 MiB a step result may be (PAYLOAD_TOO_LARGE above it)
  large: { stepBytes: 4 * MiB - 4096, firstRunSteps: 128, totalBytes: 1024 * MiB, stallMs: 120_000 },
}

/**
 * Measures rows `rows` (a Set of 1..8) once.
 * @param {Awaited<ReturnType<typeof import('./session.mjs').openBrowser>>} browser
 */
export async function measureRun(browser, rows, log) {
  const r = { localPuts: {} }
  const has = (...ids) => ids.some((id) => rows.has(id))
  // The load of this shared machine drifts: rows 1 and 3 get puts measured around them too.
  const withPuts = async (id, measure) => {
    const before = await browser.callFresh('putSamples', { count: plan.localPuts })
    const value = await measure()
    r.localPuts[id] = [...before, ...(await browser.callFresh('putSamples', { count: plan.localPuts }))]
    return value
  }
  log('baseline: bare IndexedDB puts')
  r.puts = await browser.callFresh('putSamples', { count: plan.puts })
  if (has(1, 2)) {
    log('row 1: new durable steps')
    r.steps = await withPuts(1, () => browser.callFresh('newSteps', { count: plan.steps }))
  }
  if (has(2)) {
    log('row 2: 100 steps started together')
    r.together = await browser.callFresh('stepsTogether', plan.together)
  }
  if (has(3)) {
    log('row 3: the recipe cycle')
    r.cycles = await withPuts(3, () => browser.callFresh('recipeCycles', { count: plan.cycles }))
  }
  if (has(4, 5)) {
    // 1,000 bare puts in sequence just before and just after the run (this machine's load drifts)
    if (has(4)) r.putSequence = [await browser.callFresh('putSequence', { count: plan.long.count })]
    log('rows 4 and 5: 1,000 sequential steps, then resumes')
    r.long = await browser.callFresh('longRun', plan.long)
    if (has(4)) r.putSequence.push(await browser.callFresh('putSequence', { count: plan.long.count }))
  }
  if (has(6, 7)) r.cold = await coldRounds(browser, log)
  if (has(8)) r.large = await largeStore(browser, log)
  log('baseline again: bare IndexedDB puts')
  r.putsAfter = await browser.callFresh('putSamples', { count: plan.puts })
  return r
}

/** Rows 6 and 7: each store opened in a fresh page, round after round, with the baseline between. */
async function coldRounds(browser, log) {
  const out = { baseline: [], raw: [], starts: Object.fromEntries(stores.map((s) => [s.name, []])) }
  for (let round = 0; round < plan.coldRounds; round++) {
    log(`rows 6 and 7: cold starts, round ${round + 1} of ${plan.coldRounds}`)
    out.baseline.push(await browser.callFresh('coldBaseline'))
    for (const store of stores) {
      const start = await browser.callFresh('coldStart', { name: store.name })
      if (start.plans !== store.flows) throw new Error(`store ${store.name} has ${start.plans} plans, expected ${store.flows}`)
      const heap = await browser.heapUsage()
      const wasm = await browser.call('wasmMemoryBytes')
      out.starts[store.name].push({ ms: start.ms, listMs: start.listMs, heap: heap.usedSize, backing: heap.backingStorageSize, wasm })
    }
    out.raw.push(await browser.callFresh('rawRead', { name: 'cold-1k' }))
  }
  return out
}

/** Row 8: 4 MiB step results until 1 GiB is stored (or a run stops), then the store opened again. */
let largeStores = 0

async function largeStore(browser, log) {
  const { stepBytes, firstRunSteps, totalBytes, stallMs } = plan.large
  const name = `large-${++largeStores}` // each run of a session fills a store of its own
  const runs = []
  let stored = 0
  for (let i = 1; stored < totalBytes; i++) {
    const steps = Math.min(firstRunSteps, Math.ceil((totalBytes - stored) / stepBytes))
    log(`row 8: run ${i}, ${steps} steps of ${(stepBytes / MiB).toFixed(3)} MiB`)
    const run = await browser.callFresh('largeRun', { name, flowId: `large-${i}`, steps, stepBytes, stallMs })
      .catch((error) => ({ error: error.message.split('\n')[0], recorded: undefined }))
    runs.push({ steps, ...run })
    if (run.recorded) stored += run.recorded * stepBytes
    if (!run.completed) break
  }
  log('row 8: the store opened again in a fresh page')
  const reopen = await browser.callFresh('largeReopen', { name, flowId: 'large-1' })
    .catch((error) => ({ error: error.message.split('\n')[0] }))
  return { runs, stored, reopen }
}
