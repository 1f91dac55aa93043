// The first use of a schema in a page, which the table's rows (warmed up, medians) do not show:
// the recipe's first cycle in a fresh page, and the first approval of a run an earlier page
// parked. With the validator a module of its own (crux-schema.wasm), both include loading it.
import { createCrux } from '@crux/core'
import { loadSchemaModule } from '@crux/core/internal'
import { freshCrux, whenStatus } from './util.js'
import { defineWriterFlow, writerInput } from './writer-flow.js'

/** The first recipe cycle of a fresh page: ms to suspended, and from the signal to completed. */
export async function firstCycle() {
  const crux = freshCrux('first-cycle')
  const plans = new Map()
  try {
    const def = defineWriterFlow(crux, { onPlan: (flowId, planId) => plans.set(flowId, planId) })
    const t0 = performance.now()
    const suspended = whenStatus(crux, 'first', ['suspended'])
    const handle = await def.start(writerInput(0), { flowId: 'first' })
    await suspended
    const t1 = performance.now()
    await crux.updatePlan(plans.get('first'), { metadata: { status: 'approved' } })
    await crux.signalFlow('first', 'await-approval', { approved: true })
    await handle.result()
    return { toSuspended: t1 - t0, toCompleted: performance.now() - t1 }
  } finally {
    await crux.close()
  }
}

/** Parks a recipe run on its approval in the store `name`, for firstApproval in a later page. */
export async function parkForApproval({ name }) {
  const crux = createCrux({ name })
  try {
    const def = defineWriterFlow(crux)
    const suspended = whenStatus(crux, 'parked', ['suspended'])
    await def.start(writerInput(1), { flowId: 'parked' })
    await suspended
  } finally {
    await crux.close()
  }
}

/** In a fresh page over store `name`, once ready: ms from signalFlow to the run completed. */
export async function firstApproval({ name }) {
  const crux = createCrux({ name })
  try {
    defineWriterFlow(crux)
    await crux.ready()
    const t0 = performance.now()
    await crux.signalFlow('parked', 'await-approval', { approved: true })
    await crux.getFlow('parked').result()
    return performance.now() - t0
  } finally {
    await crux.close()
  }
}

/** Loading crux-schema.wasm alone in a fresh page (fetch, compile, instantiate): ms. */
export async function schemaModuleLoad() {
  const t0 = performance.now()
  await loadSchemaModule()
  return performance.now() - t0
}
