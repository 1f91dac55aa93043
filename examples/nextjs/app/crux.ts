'use client'
// The one client module every page loads (app/layout.tsx passes `crux` to CruxProvider): the
// instance and every flow definition. A run's body runs only in a page where its definition
// is registered, so registering here means any open page drives the flows.
import { createCrux } from '@crux/core'
import { z } from 'zod'

// Rendering on the server evaluates this module too: there the instance loads nothing until
// called, and the hooks render their loading state.
export const crux = createCrux({ name: 'next-example' })

export const writerFlow = crux.flow(
  'writer-flow',
  { input: z.object({ title: z.string().min(1), brief: z.string().min(1) }) },
  async (flow) => {
    const content = await flow.step('draft-plan', () => `1) outline: ${flow.input.brief}\n2) draft\n3) review`)
    const { planId } = await flow.step('persist-plan', async () => {
      const plan = await crux.plan({ title: flow.input.title, content, metadata: { status: 'draft', flowId: flow.flowId } })
      return { planId: plan.id }
    })
    const approval = await flow.suspend('await-approval', {
      schema: z.object({ approved: z.boolean(), revisions: z.string().optional() }),
      timeout: '7d',
    })
    if (!approval.approved) return { planId, status: 'rejected' as const }
    await flow.step('execute', async () => {
      await crux.updatePlan(planId, { metadata: { status: 'done', revisions: approval.revisions ?? null } })
    })
    return { planId, status: 'done' as const }
  },
)

export async function approvePlan(planId: string, flowId: string, revisions?: string) {
  await crux.updatePlan(planId, { metadata: { status: 'approved' } })
  await crux.signalFlow(flowId, 'await-approval', { approved: true, revisions })
}
