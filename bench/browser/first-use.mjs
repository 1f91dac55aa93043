// The first use of a schema in a page, in Chromium: the recipe's first cycle in a fresh page
// (to suspended, and from the signal to completed) and the first approval of a run that an
// earlier page parked (from signalFlow to completed, the instance already ready). The table of
// `npm run bench:browser` warms up and takes medians, which hides what loading the validator
// (crux-schema.wasm) costs the first time; it is also timed alone. Each round is a fresh browser
// session. (Against a build from before crux-schema.wasm, drop the last scenario.)
//   node bench/browser/first-use.mjs [--rounds=N]     (after a build)
import { loadavg } from 'node:os'
import { openBrowser, servePage } from './session.mjs'
import { removeSessionProfile, sessionProfile } from './profiles.mjs'
import { median } from './stats.mjs'

const rounds = Number(process.argv.find((a) => a.startsWith('--rounds='))?.slice('--rounds='.length) ?? 5)
const samples = { toSuspended: [], toCompleted: [], approval: [], load: [] }
for (let round = 1; round <= rounds; round++) {
  const server = await servePage()
  const profile = sessionProfile(null)
  const browser = await openBrowser(profile, server.url)
  try {
    const cycle = await browser.callFresh('firstCycle')
    const name = `first-use-${round}`
    await browser.callFresh('parkForApproval', { name })
    const approval = await browser.callFresh('firstApproval', { name })
    const load = await browser.callFresh('schemaModuleLoad')
    if (browser.problems.length > 0) throw new Error(browser.problems.join('; '))
    samples.toSuspended.push(cycle.toSuspended)
    samples.toCompleted.push(cycle.toCompleted)
    samples.approval.push(approval)
    samples.load.push(load)
  } finally {
    await browser.close()
    removeSessionProfile(profile)
    server.close()
  }
  const ms = (list) => `${median(list).toFixed(1)} ms`
  console.log(
    `round ${round}: first cycle: start → suspended ${ms(samples.toSuspended)}, signal → completed ${ms(samples.toCompleted)};`,
    `first approval after a reload: ${ms(samples.approval)}; loading crux-schema.wasm alone: ${ms(samples.load)}`,
    `(medians so far; load ${loadavg()[0].toFixed(1)})`,
  )
}
