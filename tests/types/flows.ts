// Flow typing as a consumer sees it, type-checked (never run) by tests/node/types.test.mjs, with
// and without exactOptionalPropertyTypes: step results and run results as their JSON form
// (Jsonify), a declared input typing start() and the body, and the two ways to type a flow
// without a schema (annotated context, explicit type arguments).

import { createCrux } from '@crux/core'
import type { FlowContext, FlowDefinition, FlowHandle, Jsonify } from '@crux/core'
import { flow } from '@crux/core/flow'
import { z } from 'zod'

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false
function expectType<T extends true>(_ok: T): void {}

// ---- Jsonify: what a step resolves to is its result's JSON form ----

interface Launch {
  at: Date
  title: string
  note?: string
  draft: string | undefined
  render: () => string
  tags: (string | undefined)[]
  pair: [Date, number]
}
expectType<Equal<Jsonify<Date>, string>>(true)
expectType<Equal<Jsonify<{ a: number; b: string[] }>, { a: number; b: string[] }>>(true)
expectType<Equal<Jsonify<Launch>['at'], string>>(true)
expectType<Equal<Jsonify<Launch>['tags'], (string | null)[]>>(true)
expectType<Equal<Jsonify<Launch>['pair'], [string, number]>>(true)
expectType<Equal<Jsonify<bigint>, never>>(true)
expectType<Equal<Jsonify<Map<string, number>>, never>>(true)
expectType<Equal<Jsonify<unknown>, unknown>>(true)
expectType<Equal<Jsonify<void>, void>>(true)
// @ts-expect-error a function member is not recorded
void ({} as Jsonify<Launch>).render
const jsonLaunch: Jsonify<Launch> = { at: '2030-01-01T00:00:00.000Z', title: 't', draft: undefined, tags: [null], pair: ['x', 1] }
void jsonLaunch

export const dated = flow('dated', async (flow) => {
  const now = await flow.step('now', () => new Date())
  expectType<Equal<typeof now, string>>(true)
  // @ts-expect-error a step's Date comes back as its ISO string
  now.getTime()
  const launch = await flow.step('launch', async (): Promise<Launch> => ({
    at: new Date(),
    title: 'x',
    draft: undefined,
    render: () => '',
    tags: [],
    pair: [new Date(), 1],
  }))
  const at: string = launch.at
  // @ts-expect-error render is not recorded
  launch.render()
  return { startedAt: new Date(), at }
})
// The run's result is the body's return value as JSON too.
expectType<Equal<typeof dated, FlowDefinition<any, { startedAt: string; at: string }>>>(true)

// ---- A declared input: checked when a run starts, typed in start() and in the body ----

export const writerFlow = flow('writer-flow', { input: z.object({ title: z.string(), brief: z.string() }) }, async (flow) => {
  expectType<Equal<typeof flow.input, { title: string; brief: string }>>(true)
  // @ts-expect-error the declared input has no such field
  void flow.input.breif
  const draft = await flow.step('draft', async () => `plan for ${flow.input.brief}`)
  return { title: flow.input.title, draft }
})

export async function startWriter(): Promise<void> {
  const handle = await writerFlow.start({ title: 'Launch', brief: 'a post' })
  expectType<Equal<typeof handle, FlowHandle<{ title: string; draft: string }>>>(true)
  await writerFlow.start({ title: 'Launch', brief: 'a post' }, { flowId: 'run-1' })
  // @ts-expect-error the input is required
  await writerFlow.start()
  // @ts-expect-error brief is missing
  await writerFlow.start({ title: 'Launch' })
  // @ts-expect-error brief is a string
  await writerFlow.start({ title: 'Launch', brief: 5 })
}

// The schema's input and output types apart: defaults are filled in before the body sees them.
export const withDefaults = flow(
  'with-defaults',
  { input: z.object({ title: z.string(), pages: z.number().default(1), due: z.iso.datetime().optional() }) },
  async (flow) => {
    expectType<Equal<typeof flow.input.pages, number>>(true)
    return flow.input.pages
  },
)
withDefaults.start({ title: 'no pages given' })
// @ts-expect-error pages is a number
withDefaults.start({ title: 't', pages: 'two' })

// A JSON Schema object checks the input at start; the body annotates its type.
export const jsonInput = flow(
  'json-input',
  { input: { type: 'object', properties: { n: { type: 'number' } }, required: ['n'] } },
  async (flow: FlowContext<{ n: number }>) => flow.input.n * 2,
)
expectType<Equal<typeof jsonInput, FlowDefinition<{ n: number }, number>>>(true)
// @ts-expect-error an input option is a schema, not a string
flow('bad-input', { input: 'object' }, async () => 1)
// @ts-expect-error an options object needs a body after it
flow('no-body-after-options', { input: z.string() })

// ---- Typing a flow without a schema ----

// Annotated: both the input and the result are inferred.
export const annotated = flow('annotated', async (flow: FlowContext<{ brief: string }>) => {
  const text = await flow.step('draft', () => `plan for ${flow.input.brief}`)
  return { text }
})
expectType<Equal<typeof annotated, FlowDefinition<{ brief: string }, { text: string }>>>(true)
// @ts-expect-error brief is a string
annotated.start({ brief: 1 })

// Generic: name both the input and the result (the body's return is checked against it).
export const generic = flow<{ brief: string }, { text: string }>('generic', async (flow) => {
  const text = await flow.step('draft', () => `plan for ${flow.input.brief}`)
  return { text }
})
expectType<Equal<typeof generic, FlowDefinition<{ brief: string }, { text: string }>>>(true)
// @ts-expect-error the body must return the named result
flow<{ brief: string }, { text: string }>('generic-wrong', async (flow) => ({ text: flow.input.brief.length }))
// @ts-expect-error the input is required
generic.start()

// The same forms on an instance.
const crux = createCrux({ storage: 'memory' })
export const onInstance = crux.flow('on-instance', { input: z.object({ n: z.number() }) }, async (flow) => ({ twice: flow.input.n * 2 }))
expectType<Equal<typeof onInstance, FlowDefinition<{ n: number }, { twice: number }>>>(true)

// exactOptionalPropertyTypes: the seed's suspend with a zod schema type-checks (tsconfig.exact.json).
export const approval = flow('approval', async (flow) => {
  const answer = await flow.suspend('await-approval', {
    schema: z.object({ approved: z.boolean(), revisions: z.string().optional() }),
    timeout: '7d',
  })
  return answer.approved
})
