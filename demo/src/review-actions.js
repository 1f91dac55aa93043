// What the review buttons do (the recipe's approval mutations). The plan's status is set
// first, as in the recipe; if the flow refuses the signal, the status is put back.
import { signalFlow } from '@crux/core/flow'
import { getPlan, updatePlan } from '@crux/core/plan'

async function decide(planId, flowId, status, payload) {
  const before = (await getPlan(planId))?.metadata?.status ?? null
  await updatePlan(planId, { metadata: { status } })
  try {
    await signalFlow(flowId, 'await-approval', payload)
  } catch (error) {
    await updatePlan(planId, { metadata: { status: before } }).catch(() => {})
    throw error
  }
}

export function approvePlan(planId, flowId, revisions) {
  return decide(planId, flowId, 'approved', revisions === undefined ? { approved: true } : { approved: true, revisions })
}

export async function approveWithRevisions(planId, flowId, revisedContent) {
  await updatePlan(planId, { content: revisedContent, metadata: { revised: true } })
  return approvePlan(planId, flowId, revisedContent)
}

export function rejectPlan(planId, flowId) {
  return decide(planId, flowId, 'rejected', { approved: false })
}

/** A signal typed by hand in the signal console: the engine validates it against the wait's schema. */
export function sendRawSignal(flowId, name, payloadText) {
  let payload
  try {
    payload = JSON.parse(payloadText)
  } catch (error) {
    throw Object.assign(new Error(`The payload is not valid JSON: ${error.message}`), { code: 'INVALID_JSON' })
  }
  return signalFlow(flowId, name, payload)
}
