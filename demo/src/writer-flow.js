// The "Plan with approval" recipe as the demo runs it: draft a plan with the model (streamed
// into the plan document so the page shows it growing), suspend until a person approves,
// rejects or revises it, then carry it out and keep the report on the plan.
import { flow, peekFlow, subscribeFlow } from '@crux/core/flow'
import { plan, updatePlan } from '@crux/core/plan'
import { generate } from '@crux/ai'
import { z } from 'zod'
import { currentModel } from './model-settings.js'
import { describeEdits } from './describe-edits.js'
import { planPrompt, executePrompt } from './prompts.js'
import { throttledWriter } from './throttled-writer.js'

export const approvalSchema = z.object({ approved: z.boolean(), revisions: z.string().optional() })

/**
 * Runs `prompt` on the current model, streaming the text so far into `write`. A person who
 * cancels the run (in any tab) stops the call: the step's promise then rejects, and as the run
 * is closed nothing more is recorded.
 */
async function generateInto(flowId, prompt, input, write) {
  const writer = throttledWriter(write)
  const stop = new AbortController()
  const stopIfCancelled = () => peekFlow(flowId)?.status === 'cancelled' && stop.abort()
  const unsubscribe = subscribeFlow(flowId, stopIfCancelled)
  try {
    const result = await generate(prompt, {
      model: currentModel(), input, signal: stop.signal, onToken: (delta) => writer.append(delta),
    })
    await writer.finish(result.text)
    return result
  } catch (error) {
    await writer.abandon()
    throw error
  } finally {
    unsubscribe()
  }
}

export const writerFlow = flow('writer-flow', async (flow) => {
  const { title, brief } = flow.input

  // The plan exists from the start, so the page can show the draft as it is written.
  const { planId } = await flow.step('create-plan', async () => {
    const created = await plan({ title, content: '', metadata: { status: 'drafting', flowId: flow.flowId, brief } })
    return { planId: created.id }
  })

  const planContent = await flow.step('draft-plan', async () => {
    // Steps are at-least-once: a draft cut short by a closed page starts over.
    await updatePlan(planId, { content: '', metadata: { status: 'drafting' } })
    const result = await generateInto(flow.flowId, planPrompt, { brief, title }, (text) => updatePlan(planId, { content: text }))
    return result.text
  })

  await flow.step('persist-plan', async () => {
    await updatePlan(planId, { content: planContent, metadata: { status: 'awaiting-approval' } })
  })

  let approval
  try {
    approval = await flow.suspend('await-approval', { schema: approvalSchema, timeout: '7d' })
  } catch (error) {
    if (error.code !== 'SUSPEND_TIMEOUT') throw error
    await flow.step('expire', () => updatePlan(planId, { metadata: { status: 'expired' } }))
    return { status: 'expired', planId }
  }

  if (!approval.approved) {
    return { status: 'rejected', planId }
  }

  const report = await flow.step('execute', async () => {
    await updatePlan(planId, { metadata: { status: 'executing', report: '' } })
    // "Approve with revisions" sends the reviewer's edited plan: that is the one carried out,
    // and the prompt's Revisions line says in a few words what the reviewer changed.
    const revised = approval.revisions !== undefined
    const input = {
      title,
      plan: revised ? approval.revisions : planContent,
      revisions: revised ? describeEdits(planContent, approval.revisions) : 'none',
    }
    const result = await generateInto(flow.flowId, executePrompt, input,
      (text) => updatePlan(planId, { metadata: { report: text } }))
    await updatePlan(planId, { metadata: { status: 'done', report: result.text, usage: result.usage } })
    return { text: result.text, usage: result.usage, model: result.model }
  })

  return { status: 'done', planId, report: report.text, usage: report.usage, model: report.model }
})
