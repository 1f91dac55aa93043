// A TypeScript consumer of @crux/core's public API, type-checked (never run) by
// tests/node/types.test.mjs with `tsc -p tests/types`. It imports the package by name, so the
// `exports` map and its `types` conditions decide which declarations are used.
//
// The "Plan with approval" recipe (seeds/000_3c03fff78629aa14.txt) comes first, with only its
// imports and the model changed (@crux/ai does not exist yet: `generate` and `openai` are typed
// stand-ins). The rest uses every other public function, and `// @ts-expect-error` lines
// check that misuse does NOT type-check (an expectation that stops failing is itself an error).

import {
  createCrux,
  getDefaultCrux,
  closeDefaultCrux,
  CruxError,
  InvalidArgumentError,
  FlowNotFoundError,
  FlowClosedError,
  SignalInvalidError,
  SuspendTimeoutError,
  NonDeterministicError,
  NotSerializableError,
  PlanNotFoundError,
  PlanConflictError,
  StorageCorruptError,
  StorageUnavailableError,
  GenerateFailedError,
  PayloadTooLargeError,
  ERROR_CODES,
  isCruxCode,
  errorFromCode,
  errorFromRecord,
} from '@crux/core'
import type {
  Crux,
  CruxOptions,
  CruxErrorCode,
  FlowContext as CoreFlowContext,
  FlowStatusName,
  Json,
  Plan as CorePlan,
  RecordedError,
} from '@crux/core'
import { flow, signalFlow, getFlow, listFlows, subscribeFlow, peekFlow } from '@crux/core/flow'
import type { FlowContext, FlowDefinition, FlowHandle, FlowStatus, FlowSummary, FlowEvent, StepOptions, SuspendOptions, SignalOptions, SignalResult, Duration } from '@crux/core/flow'
import { plan, updatePlan, getPlan, listPlans, deletePlan, subscribePlan, peekPlan, peekPlans, subscribePlans } from '@crux/core/plan'
import type { Plan, PlanFields, PlanChanges } from '@crux/core/plan'
import { z } from 'zod'

/** Compile-time equality of two types: `expectType<Equal<A, B>>(true)` fails unless A and B are the same. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false
function expectType<T extends true>(_ok: T): void {}

// ---- stand-ins for @crux/ai (generate) and @ai-sdk/openai (openai) ----

interface ModelRef {
  provider: string
  id: string
}
interface GenerateResult {
  text: string
  usage: { inputTokens: number; outputTokens: number }
  finishReason: 'stop' | 'length' | 'error'
  model: string
}
declare function generate(prompt: string, options: { model: ModelRef; input?: Record<string, unknown> }): Promise<GenerateResult>
declare function openai(id: string): ModelRef

const planPrompt = 'Write a step-by-step plan for this brief: {{brief}}'
const executePrompt = 'Carry out this plan: {{plan}} (revisions: {{revisions}})'

// ---- Backend (the recipe's code) ----

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

  // The payload is typed by the zod schema (Standard Schema output), not `any`.
  const approved: boolean = approval.approved
  const revisions: string | undefined = approval.revisions
  expectType<Equal<typeof approval, { approved: boolean; revisions?: string | undefined }>>(true)
  // @ts-expect-error approved is a boolean, not a string
  const wrong: string = approval.approved
  // @ts-expect-error the schema has no such field
  approval.comment
  void approved, revisions, wrong

  // Step results are typed by the step function.
  expectType<Equal<typeof planContent, string>>(true)
  expectType<Equal<typeof planHandle, { planId: string }>>(true)

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

// The definition carries the body's result type through to its handles.
expectType<Equal<typeof writerFlow, FlowDefinition<any, { status: string; planId: string } | GenerateResult>>>(true)

// ---- Approval mutation (the recipe's code) ----

export async function approvePlan(planId: string, flowId: string, revisions?: string) {
  await updatePlan(planId, { metadata: { status: 'approved' } })
  await signalFlow(flowId, 'await-approval', { approved: true, revisions })
}

export async function rejectPlan(planId: string, flowId: string) {
  await updatePlan(planId, { metadata: { status: 'rejected' } })
  await signalFlow(flowId, 'await-approval', { approved: false })
}

// ---- Live UI, without React: what usePlan would read ----

export function renderPlan(plan: Plan | undefined): string {
  if (!plan) return 'Loading...'
  return `${plan.title}\n${plan.content}\nStatus: ${String(plan.metadata?.status)}`
}

// ---- Handles, statuses, history ----

export async function handles(): Promise<void> {
  const handle = await writerFlow.start({ brief: 'a launch post', title: 'Launch' })
  const again = await writerFlow.start({ brief: 'a launch post', title: 'Launch' }, { flowId: handle.flowId })
  const id: string = again.flowId

  const status = await handle.status()
  const name: string = status.name
  const state: FlowStatusName = status.status
  const waitingFor: string | undefined = status.waitingFor
  const createdAt: number = status.createdAt
  const updatedAt: number = status.updatedAt
  const error: RecordedError | undefined = status.error
  const code: string | undefined = status.error?.code
  expectType<Equal<typeof status.result, { status: string; planId: string } | GenerateResult | undefined>>(true)
  if (status.status === 'suspended' && status.waitingFor === 'await-approval') {
    const sent: SignalResult = await handle.signal('await-approval', { approved: true })
    if (sent.outcome === 'buffered') void (sent.waitingFor satisfies string | undefined)
    // @ts-expect-error a signal is delivered or buffered, nothing else
    if (sent.outcome === 'accepted') return
    const strict: SignalOptions = { buffer: false }
    await signalFlow(handle.flowId, 'await-approval', { approved: true }, strict)
    // @ts-expect-error buffer is a boolean
    await handle.signal('await-approval', {}, { buffer: 'no' })
  }
  // @ts-expect-error 'paused' is not a run status
  if (status.status === 'paused') return

  const result = await handle.result()
  if ('text' in result) {
    const text: string = result.text
    void text
  } else {
    const planId: string = result.planId
    void planId
  }
  // @ts-expect-error the result is an object, not a string
  const resultText: string = await handle.result()

  const events: FlowEvent[] = await handle.history()
  for (const event of events) {
    const seq: number = event.seq
    const at: number = event.at
    const eventName: string | undefined = event.name
    const buffered: true | undefined = event.buffered
    const data: unknown = event.data
    if (event.type === 'suspended' || event.type === 'signaled' || event.type === 'timed-out') void [seq, at, eventName, data, buffered]
    // @ts-expect-error 'paused' is not an event type
    if (event.type === 'paused') return
  }

  await handle.cancel()
  await handle.cancel('no longer needed')
  // @ts-expect-error flowId is read-only
  handle.flowId = 'other'

  const byId = getFlow<{ planId: string }>(id)
  const planId: string = (await byId.result()).planId
  const untyped: FlowHandle = getFlow(id)
  const unknownResult: unknown = await untyped.result()
  await signalFlow(id, 'await-approval', { approved: false })

  const suspended: FlowStatus[] = await listFlows({ status: 'suspended', name: 'writer-flow' })
  const all = await listFlows()
  expectType<Equal<typeof all, FlowSummary[]>>(true)
  // @ts-expect-error listFlows answers summaries: a run's result is its status()'s
  all[0].result
  // @ts-expect-error 'paused' is not a run status
  await listFlows({ status: 'paused' })

  const unsubscribe: () => void = subscribeFlow(id, () => {})
  unsubscribe()
  const peeked: Readonly<FlowStatus> | undefined = peekFlow(id)
  const peekedResult = peekFlow<{ planId: string }>(id)?.result?.planId
  expectType<Equal<typeof peekedResult, string | undefined>>(true)
  // @ts-expect-error peekFlow may find nothing
  const surelyPeeked: FlowStatus = peekFlow(id)
  void [peeked, surelyPeeked]
  void [name, state, waitingFor, createdAt, updatedAt, error, code, resultText, planId, unknownResult, suspended, all]
}

// ---- Flow primitives: steps with options, suspends without a Standard Schema, sleeps ----

const retrying: StepOptions = { retries: 3, backoff: '500ms' }
const curve: StepOptions = { retries: 5, backoff: { initial: 100, factor: 3, max: '1m' } }
const durations: Duration[] = [1000, '30s', '5m', '2h', '7d', '1w', '1h30m']
const jsonSchemaWait: SuspendOptions<unknown> = { schema: { type: 'object', required: ['ok'] }, timeout: 60_000 }

export const primitives = flow('primitives', async (flow: FlowContext<{ n: number }>) => {
  const n: number = flow.input.n
  const flowId: string = flow.flowId
  const doubled = await flow.step('double', () => n * 2, retrying)
  expectType<Equal<typeof doubled, number>>(true)
  const fetched = await flow.step('fetch', async () => ({ ok: true, items: ['a'] }), curve)
  expectType<Equal<typeof fetched, { ok: boolean; items: string[] }>>(true)
  const nothing = await flow.step('side-effect', async () => {})
  expectType<Equal<typeof nothing, void>>(true)

  await flow.sleep('cool-down', '5m')
  await flow.sleep('short', 250)

  // A JSON Schema object gives an untyped payload; an explicit type argument types it.
  const any = await flow.suspend('raw', jsonSchemaWait)
  const typed = await flow.suspend<{ ok: boolean }>('typed', { schema: { type: 'object' } })
  const ok: boolean = typed.ok
  const bare = await flow.suspend('no-options')
  try {
    await flow.suspend('deadline', { timeout: '1h30m' })
  } catch (err) {
    if (err instanceof SuspendTimeoutError) {
      const code: 'SUSPEND_TIMEOUT' = err.code
      void code
    }
  }

  // @ts-expect-error a step needs a function
  await flow.step('no-fn')
  // @ts-expect-error a step needs a function, not a value
  await flow.step('value', 42)
  // @ts-expect-error retries is a number
  await flow.step('bad-options', () => 1, { retries: 'three' })
  // @ts-expect-error a duration is a number or a string
  await flow.sleep('bad-duration', { minutes: 5 })
  // @ts-expect-error a timeout is a number or a string
  await flow.suspend('bad-timeout', { timeout: true })
  // @ts-expect-error a schema is an object
  await flow.suspend('bad-schema', { schema: 'object' })
  // @ts-expect-error input is read-only
  flow.input = { n: 2 }

  return { n, flowId, doubled, fetched, any, ok, bare, durations }
})

// @ts-expect-error a flow needs a body
flow('no-body')
// @ts-expect-error a flow name is a string
flow(42, async () => 1)

// ---- Plans ----

export async function plans(): Promise<void> {
  const fields: PlanFields = { title: 'Launch', content: '1) outline', metadata: { status: 'draft', owner: { id: 7 } } }
  const created: Plan = await plan(fields)
  const id: string = created.id
  const title: string = created.title
  const content: string = created.content
  const version: number = created.version
  const times: number[] = [created.createdAt, created.updatedAt]
  const status: unknown = created.metadata.status
  // @ts-expect-error plans are immutable snapshots
  created.title = 'changed'
  // @ts-expect-error a title is a string
  await plan({ title: 5 })
  // @ts-expect-error content is a string
  await plan({ title: 'x', content: ['a'] })

  const changes: PlanChanges = { title: 'Launch v2', metadata: { owner: null, reviewed: true } }
  const updated = await updatePlan(id, changes, { ifVersion: version })
  await updatePlan(id, { content: '1) outline 2) draft' })
  // @ts-expect-error ifVersion is a number
  await updatePlan(id, { title: 'x' }, { ifVersion: '2' })
  // @ts-expect-error title is a string
  await updatePlan(id, { title: null })

  const found: Plan | undefined = await getPlan(id)
  // @ts-expect-error getPlan may find nothing
  const sure: Plan = await getPlan(id)
  const every: Plan[] = await listPlans()
  const unsubscribe = subscribePlan(id, (next) => {
    if (next === undefined) return
    const nextVersion: number = next.version
    void nextVersion
  })
  unsubscribe()
  // @ts-expect-error the listener gets a Plan, not a string
  subscribePlan(id, (next: string) => void next)
  const peeked: Plan | undefined = peekPlan(id)
  // @ts-expect-error peekPlan may find nothing
  const surelyPeeked: Plan = peekPlan(id)
  const peekedList: readonly Plan[] | undefined = peekPlans()
  // @ts-expect-error the list is read-only
  peekPlans()?.push(peeked!)
  subscribePlans((plans) => {
    expectType<Equal<typeof plans, readonly Plan[]>>(true)
  })()
  void [surelyPeeked, peekedList]
  await deletePlan(id)

  // Plan's metadata can be typed by the user.
  type Reviewed = CorePlan<{ status: 'draft' | 'approved'; reviewers: string[] }>
  const reviewed = (await getPlan(id)) as Reviewed | undefined
  const reviewers: readonly string[] | undefined = reviewed?.metadata.reviewers
  void [title, content, times, status, updated, found, sure, every, reviewers]
}

// ---- Instances ----

export async function instances(): Promise<void> {
  const options: CruxOptions = {
    name: 'tests.types_1-a',
    storage: 'memory',
    now: () => Date.UTC(2030, 0, 1),
    fetch: (input, init) => fetch(input, init),
  }
  const crux: Crux = createCrux(options)
  const name: string = crux.name
  await crux.ready()

  const def = crux.flow('isolated', async (flow: CoreFlowContext<{ brief: string }>) => {
    const text = await flow.step('draft', () => `plan for ${flow.input.brief}`)
    const approval = await flow.suspend('await-approval', { schema: z.object({ approved: z.boolean() }) })
    return { text, approved: approval.approved }
  })
  const handle = await def.start({ brief: 'x' }, { flowId: 'run-1' })
  // @ts-expect-error the input is typed by the body's FlowContext
  await def.start({ brief: 5 })
  await crux.signalFlow(handle.flowId, 'await-approval', { approved: true })
  const result = await handle.result()
  const approved: boolean = result.approved
  const s: FlowStatus<{ text: string; approved: boolean }> = await crux.getFlow<{ text: string; approved: boolean }>('run-1').status()
  await crux.listFlows({ status: 'completed' })
  crux.subscribeFlow('run-1', () => {})()

  const p = await crux.plan({ title: 't' })
  await crux.updatePlan(p.id, { metadata: { a: 1 } })
  await crux.getPlan(p.id)
  await crux.listPlans()
  crux.subscribePlan(p.id, () => {})()
  crux.peekPlan(p.id)
  crux.peekPlans()
  crux.subscribePlans(() => {})()
  crux.peekFlow('run-1')
  await crux.deletePlan(p.id)
  await crux.close()

  createCrux()
  createCrux({})
  createCrux({ storage: 'indexeddb' })
  // @ts-expect-error storage is 'indexeddb' or 'memory'
  createCrux({ storage: 'disk' })
  // @ts-expect-error the clock returns epoch milliseconds
  createCrux({ now: () => 'soon' })
  // @ts-expect-error name is a string
  createCrux({ name: 1 })
  // @ts-expect-error unknown option
  createCrux({ storge: 'memory' })

  const shared: Crux = getDefaultCrux()
  await shared.ready()
  await closeDefaultCrux()
  void [name, approved, s]
}

// ---- Errors ----

export async function errors(): Promise<void> {
  try {
    await updatePlan('plan_1', { title: 'x' }, { ifVersion: 1 })
  } catch (err) {
    if (err instanceof PlanConflictError) {
      const code: 'PLAN_CONFLICT' = err.code
      // @ts-expect-error a PlanConflictError's code is PLAN_CONFLICT
      const other: 'FLOW_CLOSED' = err.code
      void code, other
    } else if (err instanceof CruxError) {
      const details: unknown = err.details
      const message: string = err.message
      // `code` is CruxErrorCode | (string & {}): any string compares (a CruxError may carry a
      // code Crux does not know), so a switch on it does not narrow; isCruxCode does.
      if (err.code === 'PLAN_NOT_FOUND' || err.code === 'SIGNAL_INVALID') void err.code
      if (isCruxCode(err.code)) {
        switch (err.code) {
          case 'PLAN_NOT_FOUND': {
            const narrowed: 'PLAN_NOT_FOUND' = err.code
            void narrowed
            break
          }
          case 'SIGNAL_INVALID':
          case 'FLOW_CLOSED':
            break
          // @ts-expect-error a misspelt code is not a Crux code
          case 'PLAN_CONFLCT':
            break
          default: {
            const rest: CruxErrorCode = err.code
            void rest
          }
        }
      }
      void details, message
    }
  }

  const all: CruxError[] = [
    new CruxError('CUSTOM', 'a code Crux does not know'),
    new CruxError('INVALID_ARGUMENT', 'with options', { details: { path: '/x' }, cause: new Error('inner') }),
    new InvalidArgumentError('bad'),
    new FlowNotFoundError('missing'),
    new FlowClosedError('closed'),
    new SignalInvalidError('invalid', { details: [{ path: '/approved', message: 'expected boolean' }] }),
    new SuspendTimeoutError('timeout'),
    new NonDeterministicError('changed'),
    new NotSerializableError('bigint'),
    new PlanNotFoundError('missing'),
    new PlanConflictError('stale'),
    new StorageCorruptError('corrupt'),
    new StorageUnavailableError('unavailable'),
    new GenerateFailedError('failed'),
    new PayloadTooLargeError('large'),
  ]
  // @ts-expect-error an error needs a message
  new InvalidArgumentError()
  // @ts-expect-error Crux errors are classes with typed codes
  const notCrux: CruxError = new Error('plain')

  const codes: readonly CruxErrorCode[] = ERROR_CODES
  const maybe: unknown = 'PLAN_CONFLICT'
  if (isCruxCode(maybe)) {
    const code: CruxErrorCode = maybe
    void code
  }
  const made: CruxError = errorFromCode('FLOW_NOT_FOUND', 'no such run', { flowId: 'x' })
  const revived = errorFromRecord({ name: 'CruxError', code: 'FLOW_CLOSED', message: 'cancelled' })
  const revivedCode: string | undefined = revived.code
  const value: Json = { a: [1, 'b', null, true, { c: undefined }] }
  void [all, notCrux, codes, made, revivedCode, value]
}
