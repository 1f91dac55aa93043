// What the plan's own buttons do besides the review: cancel its run, delete it, start it again.
import { getFlow } from '@crux/core/flow'
import { deletePlan, getPlan, updatePlan } from '@crux/core/plan'
import { writerFlow } from './writer-flow.js'

const open = new Set(['running', 'suspended'])

/** Cancels the plan's run if it is still going, and marks the plan cancelled. */
export async function cancelRun(planId, flowId) {
  const run = getFlow(flowId)
  if (open.has((await run.status()).status)) await run.cancel('cancelled from the demo page')
  if (await getPlan(planId)) await updatePlan(planId, { metadata: { status: 'cancelled' } })
}

/** Deletes the plan; a run still drafting or waiting is cancelled first, so nothing writes to it again. */
export async function deletePlanAndRun(planId, flowId) {
  const run = getFlow(flowId)
  const status = await run.status().catch(() => undefined)
  if (open.has(status?.status)) await run.cancel('plan deleted')
  await deletePlan(planId)
}

/**
 * Starts the flow again with the failed run's title and brief, on the model now in Settings, and
 * deletes the failed plan. A failed run is closed for good (its recorded steps cannot be re-driven),
 * so a retry is a new run. Resolves to the new run's flowId.
 */
export async function retryRun(plan) {
  const next = await writerFlow.start({ title: plan.title, brief: plan.metadata.brief ?? '' })
  await deletePlan(plan.id)
  return next.flowId
}
