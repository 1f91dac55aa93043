// The "Plan with approval" recipe (seeds/000_3c03fff78629aa14.txt) end to end with the real
// @crux/ai generate: its code verbatim but for the imports and the model, on the default
// instance, with a page reload (closeDefaultCrux + defining the flow again) between the suspend
// and the approval. Three models: Crux's openai() pointed at a local server with baseURL, the
// AI SDK's openai() from '@ai-sdk/openai' pointed there by OPENAI_BASE_URL, and the offline model.
import 'fake-indexeddb/auto'
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'

import { closeDefaultCrux } from '@crux/core'
import { plan, updatePlan, getPlan } from '@crux/core/plan'
import { flow, signalFlow, getFlow } from '@crux/core/flow'
import { generate } from '@crux/ai'
import { openai as cruxOpenai } from '@crux/ai/openai'
import { offline } from '@crux/ai/offline'
import { z } from 'zod'

import { startLlmServer } from './support/llm-server.mjs'
import { resultOf, untilStatus } from './support.mjs'

const planPrompt = 'Write a step-by-step plan for this brief: {{brief}}'
const executePrompt = 'Execute this plan:\n{{plan}}\nRevisions: {{revisions}}'

/** The recipe's backend, verbatim; `openai` is whichever model factory the variant uses. */
function defineWriterFlow(openai) {
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

async function approvePlan(planId, flowId, revisions) {
  await updatePlan(planId, { metadata: { status: 'approved' } })
  await signalFlow(flowId, 'await-approval', { approved: true, revisions })
}

async function rejectPlan(planId, flowId) {
  await updatePlan(planId, { metadata: { status: 'rejected' } })
  await signalFlow(flowId, 'await-approval', { approved: false })
}

let server
before(async () => {
  server = await startLlmServer({ apiKeys: { openai: 'sk-recipe-test' } })
  // What the AI SDK's provider (and Crux's, when no baseURL is given) read in Node.
  process.env.OPENAI_BASE_URL = server.openaiBaseURL
  process.env.OPENAI_API_KEY = 'sk-recipe-test'
})
after(async () => {
  await closeDefaultCrux()
  await server.close()
})

/** Runs the recipe through a reload; returns the run's result and the plan. */
async function approveAcrossReload(openai, { brief, revisions }) {
  let writerFlow = defineWriterFlow(openai)
  const run = await writerFlow.start({ title: 'Launch post', brief })
  await untilStatus(run, 'suspended', 'await-approval')
  const { planId } = (await run.history()).find((event) => event.name === 'persist-plan').data
  const drafted = await getPlan(planId)

  await closeDefaultCrux() // the page is closed; later it loads again and defines the flow
  writerFlow = defineWriterFlow(openai)
  await approvePlan(planId, run.flowId, revisions)
  const result = await resultOf(getFlow(run.flowId))
  return { run, result, drafted, plan: await getPlan(planId) }
}

const endpointCount = (endpoint) => server.requests.filter((r) => r.endpoint === endpoint).length

describe('the recipe with Crux openai({ baseURL }) on a local server', () => {
  test('drafts once, survives the reload, executes once with the plan and the revisions', async () => {
    const openai = (id) => cruxOpenai(id, { baseURL: server.openaiBaseURL, apiKey: 'sk-recipe-test' })
    server.script('openai', { text: '1. Outline\n2. Draft\n3. Publish' }, { text: 'Done: published.', usage: { inputTokens: 20, outputTokens: 3 } })
    const before = endpointCount('chat.completions')
    const { result, drafted, plan } = await approveAcrossReload(openai, { brief: 'announce v1', revisions: 'shorter' })
    assert.equal(endpointCount('chat.completions') - before, 2, 'one draft call and one execute call')
    assert.equal(drafted.content, '1. Outline\n2. Draft\n3. Publish')
    assert.equal(plan.metadata.status, 'approved')
    assert.deepEqual(result, { text: 'Done: published.', usage: { inputTokens: 20, outputTokens: 3, totalTokens: 23 }, finishReason: 'stop', model: 'gpt-4o' })
    const [draftCall, executeCall] = server.requests.slice(-2).map((r) => r.body.messages.at(-1).content)
    assert.equal(draftCall, 'Write a step-by-step plan for this brief: announce v1')
    assert.equal(executeCall, 'Execute this plan:\n1. Outline\n2. Draft\n3. Publish\nRevisions: shorter')
  })

  test('the recipe verbatim: openai("gpt-4o") from @crux/ai/openai configured by OPENAI_BASE_URL', async () => {
    const before = endpointCount('chat.completions')
    const { result } = await approveAcrossReload(cruxOpenai, { brief: 'env configured' })
    assert.equal(endpointCount('chat.completions') - before, 2)
    // Approved without revisions: the template's {{revisions}} is empty, not an error.
    assert.match(server.requests.at(-1).body.messages.at(-1).content, /\nRevisions: $/)
    assert.equal(typeof result.text, 'string')
  })

  test('reject path: nothing is executed', async () => {
    const writerFlow = defineWriterFlow(cruxOpenai)
    const run = await writerFlow.start({ title: 'Rejected', brief: 'no' })
    await untilStatus(run, 'suspended', 'await-approval')
    const { planId } = (await run.history()).find((event) => event.name === 'persist-plan').data
    const before = server.requests.length
    await rejectPlan(planId, run.flowId)
    assert.deepEqual(await resultOf(run), { status: 'rejected', planId })
    assert.equal(server.requests.length, before)
  })
})

describe('the recipe with the AI SDK', () => {
  test("openai('gpt-4o') from '@ai-sdk/openai', unchanged, pointed at the local server", async () => {
    const { openai } = await import('@ai-sdk/openai')
    const before = endpointCount('responses')
    server.script('openai', { text: 'Plan via the AI SDK' }, { text: 'Executed via the AI SDK' })
    const { result, drafted } = await approveAcrossReload(openai, { brief: 'sdk' })
    assert.equal(endpointCount('responses') - before, 2, 'the SDK called the Responses API twice')
    assert.equal(drafted.content, 'Plan via the AI SDK')
    assert.equal(result.text, 'Executed via the AI SDK')
    assert.equal(result.finishReason, 'stop')
    assert.equal(typeof result.usage.inputTokens, 'number')
    // Approved without revisions: {{revisions}} renders empty here too.
    assert.equal(server.requests.at(-1).body.input.at(-1).content.at(-1).text, 'Execute this plan:\nPlan via the AI SDK\nRevisions: ')
  })

  test('an AI SDK chat model streams through onToken; its errors are GENERATE_FAILED', async () => {
    const { createOpenAI } = await import('@ai-sdk/openai')
    const model = createOpenAI({ baseURL: server.openaiBaseURL, apiKey: 'sk-recipe-test' }).chat('gpt-4o')
    server.script('openai', { text: 'streamed by the SDK', usage: { inputTokens: 3, outputTokens: 4 } })
    const deltas = []
    const result = await generate('Hi {{name}}', { model, input: { name: 'there' }, onToken: (d) => deltas.push(d) })
    assert.equal(deltas.join(''), 'streamed by the SDK')
    assert.deepEqual(result.usage, { inputTokens: 3, outputTokens: 4, totalTokens: 7 })
    assert.equal(server.requests.at(-1).body.messages.at(-1).content, 'Hi there')
    server.script('openai', { status: 400, message: 'bad request from the test' })
    await assert.rejects(generate('x', { model }), (error) => error.code === 'GENERATE_FAILED' && error.details.status === 400 && /bad request from the test/.test(error.message))
  })
})

describe('the recipe with the offline model and no server', () => {
  test('plan and execution report, deterministic, across a reload', async () => {
    const before = server.requests.length
    const openai = () => offline({ delayMs: 0 })
    const { result, drafted } = await approveAcrossReload(openai, { brief: 'announce the offline demo', revisions: 'add a screenshot' })
    assert.equal(server.requests.length, before, 'no network')
    assert.match(drafted.content, /^# Plan: announce the offline demo\n/)
    assert.match(result.text, /^# Execution report: announce the offline demo\n/)
    assert.match(result.text, /Revisions applied\.\*\* add a screenshot/)
    assert.equal(result.model, 'offline')
  })
})
