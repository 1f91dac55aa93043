// The "Plan with approval" recipe, run in Node: draft a plan, persist it, suspend for a
// person's approval, "reload the page", approve, and resume after the pause.
//
// Node has no IndexedDB, so this example uses fake-indexeddb (an in-memory implementation
// of the spec); in a browser the same code persists to the real IndexedDB.
import 'fake-indexeddb/auto'
import { closeDefaultCrux } from '@crux/core'
import { flow, signalFlow, getFlow } from '@crux/core/flow'
import { plan, updatePlan, getPlan } from '@crux/core/plan'
import { generate } from '@crux/ai'
import { offline } from '@crux/ai/offline'
import { z } from 'zod'

// The recipe's openai('gpt-4o') replaced by the offline model: deterministic, no network.
// Point it at a real server instead with openai('gpt-4o') from '@crux/ai/openai'.
const model = offline({ delayMs: 0 })
const planPrompt = 'Write a step-by-step plan for this brief: {{brief}}'
const executePrompt = 'Execute this plan:\n{{plan}}\nRevisions: {{revisions}}'

let llmCalls = 0

// What a page defines at load: the recipe's flow, verbatim but for the model.
function defineWriterFlow() {
  return flow('writer-flow', async (flow) => {
    const planContent = await flow.step('draft-plan', async () => {
      llmCalls++
      const result = await generate(planPrompt, { model, input: { brief: flow.input.brief } })
      return result.text
    })
    const planHandle = await flow.step('persist-plan', async () => {
      const p = await plan({
        title: flow.input.title,
        content: planContent,
        metadata: { status: 'draft', flowId: flow.flowId },
      })
      return { planId: p.id }
    })
    const approval = await flow.suspend('await-approval', {
      schema: z.object({ approved: z.boolean(), revisions: z.string().optional() }),
      timeout: '7d',
    })
    if (!approval.approved) {
      return { status: 'rejected', planId: planHandle.planId }
    }
    return flow.step('execute', async () => {
      llmCalls++
      return generate(executePrompt, { model, input: { plan: planContent, revisions: approval.revisions } })
    })
  })
}

async function approvePlan(planId, flowId, revisions) {
  await updatePlan(planId, { metadata: { status: 'approved' } })
  await signalFlow(flowId, 'await-approval', { approved: true, revisions })
}

const until = async (check) => {
  for (let i = 0; i < 500; i++) {
    const value = await check()
    if (value) return value
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  throw new Error('timed out waiting')
}

// First page load: start the flow; it drafts, persists the plan, and suspends.
const writerFlow = defineWriterFlow()
const run = await writerFlow.start({ title: 'Launch post', brief: 'announce Crux v1' })
const suspended = await until(async () => {
  const status = await run.status()
  return status.status === 'suspended' && status
})
const { planId } = (await run.history()).find((e) => e.name === 'persist-plan').data
console.log(`flow ${run.flowId} is ${suspended.status}, waiting for "${suspended.waitingFor}"`)
console.log(`plan ${planId}:\n${(await getPlan(planId)).content}\n`)

// The person closes the tab. Days later the page loads again and re-registers the flow.
await closeDefaultCrux()
defineWriterFlow()
console.log('-- reload --')
await approvePlan(planId, run.flowId, 'mention the offline demo')
const result = await getFlow(run.flowId).result()
console.log(`result: ${result.text}`)
console.log(`plan status: ${(await getPlan(planId)).metadata.status}`)
console.log(`history: ${(await getFlow(run.flowId).history()).map((e) => e.type + (e.name ? `(${e.name})` : '')).join(' → ')}`)
console.log(`LLM calls: ${llmCalls} (the draft ran once; after the reload only the execute step ran)`)
await closeDefaultCrux()
