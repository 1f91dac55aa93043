// Engine builds compared in Chromium on the scenarios of rows 1, 3 and 5, builds taking turns:
// each build's crux.wasm + crux.mjs go into js/core/dist/ (put back as they were at the end), the
// page is bundled again and runs in a fresh browser session, round after round, so that the
// drifting load of a shared machine falls on every build alike. For choosing build flags; the
// table of record is still `npm run bench:browser`.
//   node bench/browser/builds.mjs [--rounds=N] <build dir> <build dir> ...
// Prints, per build, medians over its sessions so far: a new step and a recipe cycle as ratios to
// bare IndexedDB puts measured in the same session (and in ms), resuming after 1,000 steps from
// the second resume on as a ratio to one step, and the first resume in ms (the page's first
// replay, when the browser compiles the replay's code).
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { openBrowser, servePage } from './session.mjs'
import { removeSessionProfile, sessionProfile } from './profiles.mjs'
import { median } from './stats.mjs'

const args = process.argv.slice(2)
const rounds = Number(args.find((a) => a.startsWith('--rounds='))?.slice('--rounds='.length) ?? 3)
const dirs = args.filter((a) => !a.startsWith('--'))
if (dirs.length === 0 || !(rounds > 0)) {
  console.error('usage: node bench/browser/builds.mjs [--rounds=N] <build dir> <build dir> ...')
  process.exit(2)
}
const files = ['crux.wasm', 'crux.mjs']
const dist = new URL('../../js/core/dist/', import.meta.url).pathname
const kept = mkdtempSync(join(tmpdir(), 'crux-dist-'))
for (const file of files) copyFileSync(join(dist, file), join(kept, file))

const samples = Object.fromEntries(dirs.map((dir) => [dir, { step: [], stepMs: [], cycle: [], cycleMs: [], resume: [], first: [] }]))
try {
  for (let round = 1; round <= rounds; round++) {
    for (const dir of dirs) {
      for (const file of files) copyFileSync(join(dir, file), join(dist, file))
      const server = await servePage()
      const profile = sessionProfile(null)
      const browser = await openBrowser(profile, server.url)
      try {
        const putsBefore = median(await browser.callFresh('putSamples', { count: 100 }))
        const step = median(await browser.callFresh('newSteps', { count: 200 }))
        const cycle = median((await browser.callFresh('recipeCycles', { count: 20 })).map((s) => s.total))
        const put = (putsBefore + median(await browser.callFresh('putSamples', { count: 100 }))) / 2
        const long = await browser.callFresh('longRun', { count: 1000, resumes: 6 })
        if (browser.problems.length > 0) throw new Error(browser.problems.join('; '))
        const s = samples[dir]
        s.step.push(step / put)
        s.stepMs.push(step)
        s.cycle.push(cycle / put)
        s.cycleMs.push(cycle)
        s.resume.push(median(long.resumeSamples.slice(1)) / median(long.stepSamples))
        s.first.push(long.resumeSamples[0])
      } finally {
        await browser.close()
        removeSessionProfile(profile)
        server.close()
      }
      const s = samples[dir]
      console.log(
        `round ${round} ${dir}: step ${median(s.step).toFixed(2)}× put (${median(s.stepMs).toFixed(2)} ms),`,
        `cycle ${median(s.cycle).toFixed(1)}× put (${median(s.cycleMs).toFixed(1)} ms),`,
        `resume ${median(s.resume).toFixed(2)}× step, first resume ${median(s.first).toFixed(1)} ms`,
        `(load ${loadavg()[0].toFixed(1)})`,
      )
    }
  }
} finally {
  for (const file of files) copyFileSync(join(kept, file), join(dist, file))
  rmSync(kept, { recursive: true, force: true })
}
