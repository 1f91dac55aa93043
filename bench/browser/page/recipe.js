// Row 3: the recipe's whole cycle, start → suspended → (updatePlan + signalFlow) → completed.
import { freshCrux, whenStatus } from './util.js'
import { defineWriterFlow, writerInput } from './writer-flow.js'

/** `count` cycles one after another, after `warmup` untimed ones: each cycle's ms and its two halves. */
export async function recipeCycles({ count, warmup = 2 }) {
  const crux = freshCrux('recipe')
  const plans = new Map()
  const samples = []
  try {
    const def = defineWriterFlow(crux, { onPlan: (flowId, planId) => plans.set(flowId, planId) })
    for (let i = 0; i < warmup + count; i++) {
      const flowId = `cycle-${i}`
      const t0 = performance.now()
      const suspended = whenStatus(crux, flowId, ['suspended'])
      const handle = await def.start(writerInput(i), { flowId })
      await suspended
      const t1 = performance.now()
      const planId = plans.get(flowId)
      await crux.updatePlan(planId, { metadata: { status: 'approved' } })
      await crux.signalFlow(flowId, 'await-approval', { approved: true, revisions: 'mention the offline demo' })
      await handle.result()
      const t2 = performance.now()
      if (i >= warmup) samples.push({ total: t2 - t0, toSuspended: t1 - t0, toCompleted: t2 - t1 })
    }
    return samples
  } finally {
    await crux.close()
  }
}
