// The browser benchmark: every row of issue #11's table measured in Chromium (headless, a
// profile on disk, a cross-origin-isolated page), each as a ratio against bare IndexedDB puts
// made in the same browser session. Uses @crux/core's public API only.
//   npm run bench:browser [-- --rows=1,2,3] [--runs=N] [--large] [--write-readme]
// --large (or BENCH_LARGE=1) adds row 8, a 1 GiB store (slow). Rows 6 and 7 make their stores
// once per store format (minutes) and keep them in build/bench-profiles/.
import { existsSync } from 'node:fs'
import { loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { openBrowser, servePage } from './session.mjs'
import { keptStores, removeSessionProfile, sessionProfile } from './profiles.mjs'
import { measureRun } from './measure.mjs'
import { combinedTable, rowsOf, table } from './report.mjs'
import { writeReadme } from './readme.mjs'

const root = fileURLToPath(new URL('../../', import.meta.url))
const argv = process.argv.slice(2)
const flag = (name) => argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`))
const value = (name) => flag(name)?.split('=')[1]

const large = Boolean(flag('large')) || process.env.BENCH_LARGE === '1'
const runs = Number(value('runs') ?? 1)
const rows = new Set((value('rows') ?? '1,2,3,4,5,6,7,8').split(',').map(Number))
if (!Number.isInteger(runs) || runs < 1 || [...rows].some((r) => !(r >= 1 && r <= 8))) {
  console.error('usage: node bench/browser/run.mjs [--rows=1,2,...,8] [--runs=N] [--large] [--write-readme]')
  process.exit(2)
}
if (!existsSync(`${root}js/core/dist/crux.wasm`)) {
  console.error('no build: run npm run build first (npm run bench:browser does)')
  process.exit(2)
}
const measured = new Set([...rows].filter((r) => r !== 8 || large))

const t0 = Date.now()
const log = (text) => console.error(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${text}`)

const loadAtStart = loadavg()[0]
const server = await servePage()
let profile
const results = []
let version
let problems = []
try {
  const template = measured.has(6) || measured.has(7) ? await keptStores(server.url, log) : undefined
  profile = sessionProfile(template)
  const browser = await openBrowser(profile, server.url, { log })
  try {
    await browser.freshPage()
    version = await browser.version()
    for (let run = 1; run <= runs; run++) {
      if (runs > 1) log(`run ${run} of ${runs}`)
      results.push(rowsOf(await measureRun(browser, measured, log), rows, { large }))
      if (runs > 1) console.log(`\nRun ${run}:\n\n${table(results.at(-1))}\n`)
    }
    problems = browser.problems.map((p) => p.split('\n')[0])
  } finally {
    await browser.close()
  }
} finally {
  await server.close()
  if (profile) removeSessionProfile(profile)
}

const when = new Date().toISOString().slice(0, 10)
const about = `${when}, Chromium ${version} (Debian, headless), a profile on disk, a cross-origin-isolated page; ` +
  `2 cores shared with other work (load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end); ` +
  `${runs === 1 ? 'one run' : `${runs} runs in one session, ranges over the runs`}.`
const body = `${about}\n\n${combinedTable(results)}\n`
console.log(`\n${body}`)
if (problems.length > 0) console.log(`The pages reported:\n${[...new Set(problems)].map((p) => `- ${p}`).join('\n')}\n`)
log('done')
if (flag('write-readme')) {
  writeReadme(`${root}README.md`, body)
  log('README.md updated')
}
