// The "Plan with approval" recipe (seeds/000_3c03fff78629aa14.txt) run against @crux/core with
// only its imports changed and generate replaced by a local stand-in, so that this file tests
// @crux/core alone (ai-recipe.test.mjs runs the recipe with the real @crux/ai). Module-level
// API on the default instance; a page reload is closeDefaultCrux() followed by running the
// definition code again.
import 'fake-indexeddb/auto'
import { describe, test, beforeEach, after } from 'node:test'
import assert from 'node:assert/strict'

import { closeDefaultCrux, CruxError, SignalInvalidError, FlowClosedError } from '@crux/core'
import { plan, updatePlan, getPlan, listPlans } from '@crux/core/plan'
import { flow, signalFlow, getFlow, listFlows } from '@crux/core/flow'
import { z } from 'zod'

import { callCounter, historyTypes, rejectsWith, settle, untilStatus, resultOf } from './support.mjs'

// ---- a stand-in for @crux/ai's generate and the openai provider ----

const calls = callCounter()

/** A model reference like openai('gpt-4o') would give: plain data only. */
const openai = (id) => ({ provider: 'stand-in', id })

const planPrompt = 'Write a step-by-step plan for this brief: {{brief}}'
const executePrompt = 'Carry out this plan: {{plan}} (revisions: {{revisions}})'

/** generate(prompt, { model, input }) → { text, usage, finishReason, model }, deterministic. */
async function generate(prompt, { model, input }) {
  calls.hit(prompt)
  await new Promise((resolve) => setTimeout(resolve, 1))
  const text =
    prompt === planPrompt
      ? `PLAN for "${input.brief}": 1) outline 2) draft 3) polish`
      : `DONE: ${input.plan} | revisions: ${input.revisions ?? 'none'}`
  return {
    text,
    usage: { inputTokens: prompt.length, outputTokens: text.length },
    finishReason: 'stop',
    model: model.id,
  }
}

const expectedPlanText = (brief) => `PLAN for "${brief}": 1) outline 2) draft 3) polish`
const expectedExecution = (brief, revisions) => {
  const text = `DONE: ${expectedPlanText(brief)} | revisions: ${revisions ?? 'none'}`
  return {
    text,
    usage: { inputTokens: executePrompt.length, outputTokens: text.length },
    finishReason: 'stop',
    model: 'gpt-4o',
  }
}

// ---- Backend (the recipe's code; wrapped in a function so a "reload" can run it again) ----

function defineWriterFlow() {
  const writerFlow = flow('writer-flow', async (flow) => {
    // Step 1: produce a plan via LLM
    const planContent = await flow.step('draft-plan', async () => {
      const result = await generate(planPrompt, {
        model: openai('gpt-4o'),
        input: { brief: flow.input.brief },
      })
      return result.text
    })

    // Step 2: persist the plan
    const planHandle = await flow.step('persist-plan', async () => {
      const p = await plan({
        title: flow.input.title,
        content: planContent,
        metadata: { status: 'draft', flowId: flow.flowId },
      })
      return { planId: p.id }
    })

    // Step 3: suspend until approval
    const approval = await flow.suspend('await-approval', {
      schema: z.object({ approved: z.boolean(), revisions: z.string().optional() }),
      timeout: '7d',
    })

    if (!approval.approved) {
      return { status: 'rejected', planId: planHandle.planId }
    }

    // Step 4: execute the plan
    return flow.step('execute', async () => {
      return generate(executePrompt, {
        model: openai('gpt-4o'),
        input: { plan: planContent, revisions: approval.revisions },
      })
    })
  })
  return writerFlow
}

// ---- Approval mutation (as in the recipe, types removed) ----

async function approvePlan(planId, flowId, revisions) {
  await updatePlan(planId, { metadata: { status: 'approved' } })
  await signalFlow(flowId, 'await-approval', { approved: true, revisions })
}

async function rejectPlan(planId, flowId) {
  await updatePlan(planId, { metadata: { status: 'rejected' } })
  await signalFlow(flowId, 'await-approval', { approved: false })
}

// ---- helpers ----

let writerFlow = defineWriterFlow()

/** A page reload: the default instance is closed, the definition code runs again. */
async function reload() {
  await closeDefaultCrux()
  writerFlow = defineWriterFlow()
}

/** The plan the run persisted, found through listPlans() by its metadata.flowId. */
async function planOfRun(flowId) {
  const plans = (await listPlans()).filter((p) => p.metadata?.flowId === flowId)
  assert.equal(plans.length, 1, `exactly one plan for run ${flowId}`)
  return plans[0]
}

/** Starts a run and waits until it is suspended on the approval. */
async function startAndWaitForApproval(input) {
  const handle = await writerFlow.start(input)
  assert.equal(typeof handle.flowId, 'string')
  const status = await untilStatus(handle, 'suspended', 'await-approval')
  return { handle, status }
}

const APPROVED_HISTORY = [
  'started',
  'step-completed', // draft-plan
  'step-completed', // persist-plan
  'suspended',
  'signaled',
  'resumed',
  'step-completed', // execute
  'completed',
]

beforeEach(() => calls.reset())
after(() => closeDefaultCrux())

describe('Plan with approval (the recipe)', () => {
  test('start → plan persisted as a draft → suspended → approve with revisions → execute result', async () => {
    const input = { brief: 'Launch post for v2', title: 'Launch plan' }
    const { handle, status } = await startAndWaitForApproval(input)

    assert.equal(status.flowId, handle.flowId)
    assert.equal(status.name, 'writer-flow')
    assert.equal(status.status, 'suspended')
    assert.equal(status.waitingFor, 'await-approval')
    assert.equal(status.result, undefined)
    assert.equal(typeof status.createdAt, 'number')
    assert.ok(status.updatedAt >= status.createdAt)

    // the plan is persisted, visible to the UI through listPlans / getPlan
    const draft = await planOfRun(handle.flowId)
    assert.equal(draft.title, 'Launch plan')
    assert.equal(draft.content, expectedPlanText('Launch post for v2'))
    assert.deepEqual(draft.metadata, { status: 'draft', flowId: handle.flowId })
    assert.equal(draft.version, 1)
    assert.equal(await getPlan(draft.id), draft)

    // the persist-plan step recorded the plan id
    const events = await handle.history()
    const persisted = events.find((e) => e.type === 'step-completed' && e.name === 'persist-plan')
    assert.deepEqual(persisted.data, { planId: draft.id })
    assert.deepEqual(
      events.map((e) => [e.type, e.name]),
      [
        ['started', 'writer-flow'],
        ['step-completed', 'draft-plan'],
        ['step-completed', 'persist-plan'],
        ['suspended', 'await-approval'],
      ],
    )
    assert.deepEqual(events.map((e) => e.seq), [1, 2, 3, 4])
    assert.deepEqual(events[0].data, input)

    assert.equal(calls.get(planPrompt), 1)
    assert.equal(calls.get(executePrompt), 0)

    const resultPromise = resultOf(handle) // awaited across the approval
    await approvePlan(draft.id, handle.flowId, 'Shorter intro, add a FAQ')
    const result = await resultPromise

    assert.deepEqual(result, expectedExecution('Launch post for v2', 'Shorter intro, add a FAQ'))
    const done = await handle.status()
    assert.equal(done.status, 'completed')
    assert.deepEqual(done.result, result)
    assert.equal(done.waitingFor, undefined)

    const approved = await getPlan(draft.id)
    assert.deepEqual(approved.metadata, { status: 'approved', flowId: handle.flowId })
    assert.equal(approved.version, 2)
    assert.equal(approved.content, draft.content)

    assert.deepEqual(await historyTypes(handle), APPROVED_HISTORY)
    const history = await handle.history()
    assert.deepEqual(history.find((e) => e.type === 'signaled').data, { approved: true, revisions: 'Shorter intro, add a FAQ' })
    assert.deepEqual(history.at(-1).data, result)
    assert.deepEqual(history.map((e) => e.seq), [1, 2, 3, 4, 5, 6, 7, 8])

    assert.equal(calls.get(planPrompt), 1, 'the draft step does not run again on resume')
    assert.equal(calls.get(executePrompt), 1)

    const listed = await listFlows({ name: 'writer-flow', status: 'completed' })
    assert.ok(listed.some((s) => s.flowId === handle.flowId))
  })

  test('approve without revisions: the optional field stays absent', async () => {
    const { handle } = await startAndWaitForApproval({ brief: 'Newsletter', title: 'News' })
    const draft = await planOfRun(handle.flowId)
    await approvePlan(draft.id, handle.flowId)
    assert.deepEqual(await resultOf(handle), expectedExecution('Newsletter', undefined))
    assert.equal(calls.get(executePrompt), 1)
  })

  test('reject → { status: "rejected", planId }, the execute step never runs', async () => {
    const { handle } = await startAndWaitForApproval({ brief: 'Risky migration', title: 'Migration' })
    const draft = await planOfRun(handle.flowId)

    await rejectPlan(draft.id, handle.flowId)
    assert.deepEqual(await resultOf(handle), { status: 'rejected', planId: draft.id })

    assert.deepEqual((await getPlan(draft.id)).metadata, { status: 'rejected', flowId: handle.flowId })
    assert.equal(calls.get(planPrompt), 1)
    assert.equal(calls.get(executePrompt), 0)
    assert.deepEqual(await historyTypes(handle), ['started', 'step-completed', 'step-completed', 'suspended', 'signaled', 'resumed', 'completed'])

    // a second decision is refused: the run is over
    await rejectsWith(() => signalFlow(handle.flowId, 'await-approval', { approved: true }), 'FLOW_CLOSED', FlowClosedError)
  })

  test('an approval that does not match the zod schema is refused and records nothing', async () => {
    const { handle } = await startAndWaitForApproval({ brief: 'Pricing page', title: 'Pricing' })
    const before = await handle.history()

    const error = await rejectsWith(
      () => signalFlow(handle.flowId, 'await-approval', { approved: 'yes', revisions: 7 }),
      'SIGNAL_INVALID',
      SignalInvalidError,
    )
    assert.match(error.message, /\/approved/)
    assert.match(error.message, /\/revisions/)
    assert.deepEqual(await handle.history(), before)
    assert.equal((await handle.status()).status, 'suspended')

    const draft = await planOfRun(handle.flowId)
    await approvePlan(draft.id, handle.flowId, 'none needed')
    assert.deepEqual(await resultOf(handle), expectedExecution('Pricing page', 'none needed'))
  })

  test('a reload between suspend and approval: nothing runs twice, result() from a handle got after the reload', async () => {
    const input = { brief: 'Quarterly report', title: 'Q3 report' }
    const { handle } = await startAndWaitForApproval(input)
    const flowId = handle.flowId
    const draft = await planOfRun(flowId)
    assert.equal(calls.get(planPrompt), 1)

    await reload()

    // the new page sees the suspended run and its plan
    const afterReload = getFlow(flowId)
    const status = await afterReload.status()
    assert.equal(status.status, 'suspended')
    assert.equal(status.waitingFor, 'await-approval')
    const reloadedPlan = await getPlan(draft.id)
    assert.deepEqual(reloadedPlan, draft)
    assert.ok((await listFlows({ status: 'suspended' })).some((s) => s.flowId === flowId))
    await settle()
    assert.equal(calls.get(planPrompt), 1, 're-registering the flow does not re-run the draft step')

    await approvePlan(draft.id, flowId, 'Add charts')
    const result = await resultOf(getFlow(flowId))

    assert.deepEqual(result, expectedExecution('Quarterly report', 'Add charts'))
    assert.equal(calls.get(planPrompt), 1, 'the draft step ran once in all')
    assert.equal(calls.get(executePrompt), 1, 'the execute step ran exactly once')
    assert.deepEqual(await historyTypes(getFlow(flowId)), APPROVED_HISTORY)
    assert.deepEqual((await getPlan(draft.id)).metadata, { status: 'approved', flowId })
    assert.equal((await planOfRun(flowId)).version, 2)

    // and after one more reload the outcome is still there, nothing re-runs
    await reload()
    assert.deepEqual(await resultOf(getFlow(flowId)), result)
    await settle()
    assert.equal(calls.get(executePrompt), 1)
  })

  test('a reload, then the approval arrives before the definition is registered again', async () => {
    const { handle } = await startAndWaitForApproval({ brief: 'Hiring plan', title: 'Hiring' })
    const flowId = handle.flowId
    const draft = await planOfRun(flowId)

    await closeDefaultCrux()
    // the page loaded again, but the flow module has not run yet: the signal is validated
    // by the stored JSON Schema and recorded without the body
    await rejectsWith(() => signalFlow(flowId, 'await-approval', { approved: 1 }), 'SIGNAL_INVALID', SignalInvalidError)
    await approvePlan(draft.id, flowId, 'Two hires, not three')
    await settle()
    assert.equal(calls.get(executePrompt), 0, 'nothing runs without the definition')

    writerFlow = defineWriterFlow()
    const result = await resultOf(getFlow(flowId))
    assert.deepEqual(result, expectedExecution('Hiring plan', 'Two hires, not three'))
    assert.equal(calls.get(planPrompt), 1)
    assert.equal(calls.get(executePrompt), 1)
    assert.deepEqual(await historyTypes(getFlow(flowId)), APPROVED_HISTORY)
  })

  test('a reload and a rejection', async () => {
    const { handle } = await startAndWaitForApproval({ brief: 'Rebrand', title: 'Rebrand' })
    const draft = await planOfRun(handle.flowId)
    await reload()
    await rejectPlan(draft.id, handle.flowId)
    assert.deepEqual(await resultOf(getFlow(handle.flowId)), { status: 'rejected', planId: draft.id })
    assert.equal(calls.get(planPrompt), 1)
    assert.equal(calls.get(executePrompt), 0)
  })

  test('errors are CruxErrors', async () => {
    const error = await rejectsWith(() => resultOf(getFlow('no-such-run')), 'FLOW_NOT_FOUND')
    assert.ok(error instanceof CruxError)
  })
})
