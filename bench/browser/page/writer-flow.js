// The "Plan with approval" recipe's flow (examples/recipe.mjs) with an instant model: a draft
// step, a step that creates the plan, a suspend with a zod schema and a timeout, then a step.
import { z } from 'zod'

const draft = [
  '1. Outline the announcement: what Crux is and why durable flows matter.',
  '2. Write the draft, with a short example of a flow that waits for approval.',
  '3. Review it with the team and publish it on the blog.',
].join('\n')

const approvalSchema = z.object({ approved: z.boolean(), revisions: z.string().optional() })

/**
 * Defines 'writer-flow' on `crux`. `onPlan(flowId, planId)` hears of each plan as its step
 * creates it (what a page would learn from usePlan).
 */
export function defineWriterFlow(crux, { timeout = '7d', onPlan = () => {} } = {}) {
  return crux.flow('writer-flow', async (flow) => {
    const planContent = await flow.step('draft-plan', () => `${draft}\n(brief: ${flow.input.brief})`)
    const planHandle = await flow.step('persist-plan', async () => {
      const p = await crux.plan({
        title: flow.input.title,
        content: planContent,
        metadata: { status: 'draft', flowId: flow.flowId },
      })
      onPlan(flow.flowId, p.id)
      return { planId: p.id }
    })
    const approval = await flow.suspend('await-approval', { schema: approvalSchema, timeout })
    if (!approval.approved) return { status: 'rejected', planId: planHandle.planId }
    return flow.step('execute', () => ({ text: `executed:\n${planContent}`, revisions: approval.revisions ?? null }))
  })
}

/** The input of run `i`. */
export const writerInput = (i) => ({ title: `Launch post ${i}`, brief: `announce Crux v1, take ${i}` })
