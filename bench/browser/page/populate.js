// The stores rows 6 and 7 open: recipe-shaped runs, each suspended on its approval with its
// plan, made through the public API once per store format (bench/browser/profiles.mjs keeps them).
// A change to this file or to writer-flow.js makes new stores.
import { createCrux } from '@crux/core'
import { openKv, putOne } from './idb.js'
import { whenStatus } from './util.js'
import { defineWriterFlow, writerInput } from './writer-flow.js'

/**
 * Makes store `name` with `flows` suspended recipe runs, `batch` started together at a time.
 * The wait's timeout is a year, so that no deadline falls due while the stores are kept.
 */
export async function populateStore({ name, flows, batch = 250 }) {
  const crux = createCrux({ name })
  const t0 = performance.now()
  try {
    await crux.listPlans()
    const def = defineWriterFlow(crux, { timeout: '365d' })
    for (let done = 0; done < flows; done += batch) {
      const ids = Array.from({ length: Math.min(batch, flows - done) }, (_, i) => `run-${done + i}`)
      await Promise.all(ids.map(async (flowId, i) => {
        const suspended = whenStatus(crux, flowId, ['suspended'])
        await def.start(writerInput(done + i), { flowId })
        await suspended
      }))
      console.log(`[populate] ${name}: ${done + ids.length} / ${flows} runs (${((performance.now() - t0) / 1000).toFixed(0)} s)`)
    }
    const stored = await crux.listFlows({ status: 'suspended' })
    const plans = await crux.listPlans()
    if (stored.length !== flows || plans.length !== flows) {
      throw new Error(`store ${name}: ${stored.length} suspended runs and ${plans.length} plans, expected ${flows}`)
    }
    return { ms: performance.now() - t0 }
  } finally {
    await crux.close()
  }
}

/** The database the cold-start baseline opens (an existing one, as a returning page's is). */
export async function populateBaselineDatabase() {
  const db = await openKv('bench-cold-baseline')
  await putOne(db, 'x', 'x'.repeat(1024))
  db.close()
}
