// The table: each row's figure, its ratio against the baseline and its target, from the raw
// samples of one run (rowsOf), several runs folded into ranges (combine), and the markdown.
import { median, percentile } from './stats.mjs'

const MiB = 1024 * 1024
const n = (x) => x.toLocaleString('en-US')
const msText = (x) => (x >= 100 ? `${n(Math.round(x))} ms` : `${x.toFixed(x >= 10 ? 1 : 2)} ms`)
const times = (x) => `${x.toFixed(x >= 10 ? 0 : 1)}×`

/**
 * A table row. `value` is the headline figure (formatted by `format`), `ratio` the figure the
 * target limits (`limit`), `detail` what else was measured.
 */
const row = (fields) => ({ detail: '', ratioOf: '', ...fields })

/** The rows of one run's raw samples `r`, for the row numbers in `selected`. */
export function rowsOf(r, selected, { large }) {
  const rows = []
  const puts = [...r.puts, ...r.putsAfter, ...Object.values(r.localPuts).flat()]
  rows.push(row({
    id: 0, what: 'one bare IndexedDB put (~1 KB, its own readwrite transaction, a database of its own): the unit', value: median(puts), format: msText,
    detail: `median of all; before the rows ${msText(median(r.puts))}, after them ${msText(median(r.putsAfter))}; p99 ${msText(percentile(puts, 99))}; n=${puts.length}`,
  }))
  /** The put median of the puts measured just before and after row `id`. */
  const localPut = (id) => median(r.localPuts[id])
  const step = r.steps ? median(r.steps) : undefined
  if (selected.has(1)) {
    rows.push(row({
      id: 1, what: 'new durable step (step fn returns ~100 B)', value: step, format: msText,
      detail: `median; p99 ${msText(percentile(r.steps, 99))}; n=${r.steps.length}; one put just before and after: ${msText(localPut(1))}`,
      ratio: step / localPut(1), ratioOf: 'one put', target: '≤ 1.5×', limit: 1.5,
    }))
  }
  if (selected.has(2)) {
    const total = median(r.together)
    rows.push(row({
      id: 2, what: '100 steps started together (`Promise.all`), total', value: total, format: msText,
      detail: `median; p99 ${msText(percentile(r.together, 99))}; n=${r.together.length} batches; one step: row 1's median`,
      ratio: total / step, ratioOf: 'one step', target: '≤ 3× one step', limit: 3,
    }))
  }
  if (selected.has(3)) {
    const total = median(r.cycles.map((c) => c.total))
    rows.push(row({
      id: 3, what: "the recipe's cycle: start → suspended → signal → completed (instant model)", value: total, format: msText,
      detail: `median: start → suspended ${msText(median(r.cycles.map((c) => c.toSuspended)))}, updatePlan + signal → completed ${msText(median(r.cycles.map((c) => c.toCompleted)))}; p99 ${msText(percentile(r.cycles.map((c) => c.total), 99))}; n=${r.cycles.length}; one put just before and after: ${msText(localPut(3))}`,
      ratio: total / localPut(3), ratioOf: 'one put', target: '≤ 10× one put', limit: 10,
    }))
  }
  if (selected.has(4)) {
    const { stepSamples, total } = r.long
    const [before, after] = r.putSequence
    const puts1000 = (before + after) / 2
    rows.push(row({
      id: 4, what: '1,000 sequential steps in one flow, total', value: total, format: msText,
      detail: `1,000 bare puts in sequence: ${msText(puts1000)}, the mean of just before (${msText(before)}) and just after (${msText(after)})`,
      ratio: total / puts1000, ratioOf: '1,000 puts', target: '≤ 1.5×', limit: 1.5,
    }))
    const p99 = percentile(stepSamples, 99)
    const mid = median(stepSamples)
    rows.push(row({
      id: 4, what: '… p99 of one of those steps', value: p99, format: msText,
      detail: `median ${msText(mid)}; max ${msText(Math.max(...stepSamples))}; n=${stepSamples.length}`,
      ratio: p99 / mid, ratioOf: 'the median', target: '≤ 5× the median', limit: 5,
    }))
  }
  if (selected.has(5)) {
    const resume = median(r.long.resumeSamples)
    const longStep = median(r.long.stepSamples)
    rows.push(row({
      id: 5, what: 'resume after 1,000 recorded steps: signal → first new step runs', value: resume, format: msText,
      detail: `median; max ${msText(Math.max(...r.long.resumeSamples))}; n=${r.long.resumeSamples.length}; one step: the median step of that run, ${msText(longStep)}`,
      ratio: resume / longStep, ratioOf: 'one step', target: '≤ 2× one step', limit: 2,
    }))
  }
  if (selected.has(6)) {
    const { baseline, starts, raw } = r.cold
    const base = median(baseline)
    const empty = median(starts['cold-0'].map((s) => s.ms))
    const k1 = median(starts['cold-1k'].map((s) => s.ms))
    const k10 = median(starts['cold-10k'].map((s) => s.ms))
    const rawMs = median(raw.map((x) => x.ms))
    const listed = (name) => msText(median(starts[name].map((s) => s.listMs)))
    const rounds = `n=${baseline.length} fresh pages each`
    rows.push(row({
      id: 6, what: '`createCrux` → `ready()` resolves, fresh page, empty store', value: empty, format: msText,
      detail: `median; baseline (crux.wasm compile + opening an IndexedDB database, overlapped) ${msText(base)}; a first listPlans() done ${listed('cold-0')} after createCrux; ${rounds}`,
      ratio: empty / base, ratioOf: 'the baseline', target: '≤ 1.5× the baseline', limit: 1.5,
    }))
    rows.push(row({
      id: 6, what: '… 1,000 stored flows', value: k1, format: msText,
      detail: `median; ${rawText(raw, rawMs, k1)}; a first listPlans() (1,000 plans) done ${listed('cold-1k')} after createCrux; ${rounds}`,
      ratio: k1 / empty, ratioOf: 'the empty store', target: '≤ 1.3× the empty store', limit: 1.3,
    }))
    rows.push(row({
      id: 6, what: '… 10,000 stored flows', value: k10, format: msText,
      detail: `median; a first listPlans() (10,000 plans) done ${listed('cold-10k')} after createCrux; ${rounds}`,
      ratio: k10 / empty, ratioOf: 'the empty store', target: '≤ 1.5× the empty store', limit: 1.5,
    }))
  }
  if (selected.has(7)) {
    const { starts } = r.cold
    const total = (s) => s.heap + s.backing + s.wasm
    const perFlow = (name, flows) => median(starts[name].map((s, i) => (total(s) - total(starts['cold-0'][i])) / flows))
    const k10 = perFlow('cold-10k', 10000)
    const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`
    const mb = (bytes) => `${(bytes / MiB).toFixed(1)} MiB`
    const parts = (name) => {
      const pick = (key) => median(starts[name].map((s) => s[key]))
      return `${mb(pick('heap'))} JS heap + ${mb(pick('backing'))} backing stores + ${mb(pick('wasm'))} wasm`
    }
    rows.push(row({
      id: 7, what: 'memory per suspended recipe flow (JS heap + ArrayBuffer backing stores + wasm memory)', value: k10, format: kb,
      detail: `(10,000 flows − empty store) / 10,000, after a full GC, median; from 1,000 flows: ${kb(perFlow('cold-1k', 1000))}; empty: ${parts('cold-0')}; 10,000: ${parts('cold-10k')}; n=${starts['cold-0'].length}`,
      ratio: k10 / 2048, ratioOf: 'the target', target: '≤ 2 KB', limit: 1,
    }))
  }
  if (selected.has(8)) rows.push(largeRow(r.large, large))
  return rows
}

/** What reading the 1k store's IndexedDB entries raw cost, if its databases could be found by name. */
function rawText(raw, rawMs, k1) {
  if (raw[0].databases === 0) return 'no IndexedDB database named after the store, so no raw read'
  const where = `${n(raw[0].entries)} in ${raw[0].databases} database${raw[0].databases === 1 ? '' : 's'}`
  return `reading its IndexedDB entries raw (${where}): ${msText(rawMs)}, so ${times(k1 / rawMs)} that`
}

function largeRow(large, enabled) {
  const what = 'a store larger than memory: runs recording 4 MiB step results, to 1 GiB; the store opened again and used'
  const target = 'opens and works at 1 GB stored'
  if (!enabled || !large) return row({ id: 8, what, value: undefined, format: () => 'not run (needs --large)', target, met: 'not run' })
  const runs = large.runs.map((run, i) => {
    const how = run.completed ? 'completed' : run.stalled ? 'stalled (nothing recorded for 2 minutes)' : `stopped: ${run.error}`
    return `run ${i + 1}: ${run.recorded ?? '?'} / ${run.steps} steps, ${how}, ${msText(run.ms ?? NaN)}`
  })
  const reopen = large.reopen.error
    ? `opening again: ${large.reopen.error}`
    : `opened again in ${msText(large.reopen.openMs)} (${large.reopen.listed} runs listed, run 1 ${large.reopen.status}); a new run ${large.reopen.works ? 'completed' : 'did not complete'} in ${msText(large.reopen.runMs)}; storage used ${(large.reopen.usage / MiB).toFixed(0)} MiB`
  const works = !large.reopen.error && large.reopen.works && large.stored >= 1024 * MiB
  return row({
    id: 8, what, value: large.stored, format: (b) => `${(b / MiB).toFixed(0)} MiB recorded`,
    detail: `${runs.join('; ')}; ${reopen}`, target, met: works ? 'yes' : 'no',
  })
}

const metText = (r) => r.met ?? (r.limit === undefined ? '' : r.ratio <= r.limit ? 'yes' : 'no')
const ratioText = (r) => (r.ratio === undefined ? '' : r.limit === 1 && r.ratioOf === 'the target' ? '' : `${times(r.ratio)} ${r.ratioOf}`)

/** One run's rows as a markdown table. */
export function table(rows) {
  const lines = ['| what | measured | ratio | target | met? |', '|---|---|---|---|---|']
  for (const r of rows) {
    const measured = r.value === undefined && r.met === 'not run' ? r.format() : `${r.format(r.value)}${r.detail ? ` (${r.detail})` : ''}`
    lines.push(`| ${r.what} | ${measured} | ${ratioText(r)} | ${r.target ?? ''} | ${metText(r)} |`)
  }
  return lines.join('\n')
}

/** Several runs' rows folded into one table: each figure and ratio as the range over the runs. */
export function combinedTable(runs) {
  if (runs.length === 1) return table(runs[0])
  const lines = ['| what | measured | ratio | target | met? |', '|---|---|---|---|---|']
  runs[0].forEach((first, i) => {
    const all = runs.map((rows) => rows[i])
    const range = (xs, format) => {
      const lo = Math.min(...xs)
      const hi = Math.max(...xs)
      return format(lo) === format(hi) ? format(lo) : `${format(lo)} – ${format(hi)}`
    }
    const measured = first.value === undefined ? first.format() : range(all.map((r) => r.value), first.format)
    const ratio = first.ratio === undefined || ratioText(first) === '' ? '' : `${range(all.map((r) => r.ratio), times)} ${first.ratioOf}`
    const mets = all.map(metText)
    const met = mets.every((m) => m === mets[0]) ? mets[0] : `${mets.filter((m) => m === 'yes').length} of ${mets.length} runs`
    lines.push(`| ${first.what} | ${measured} | ${ratio} | ${first.target ?? ''} | ${met} |`)
  })
  return lines.join('\n')
}

