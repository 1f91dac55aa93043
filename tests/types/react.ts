// A TypeScript consumer of @crux/react, type-checked (never run) with tests/types/recipe.ts.
import { createElement, type ReactElement } from 'react'
import { createCrux } from '@crux/core'
import type { FlowStatus, Plan } from '@crux/core'
import { CruxProvider, useCrux, useFlow, usePlan, usePlanState, usePlans } from '@crux/react'
import type { PlanState } from '@crux/react'
import type { CruxError } from '@crux/core'

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false
function expectType<T extends true>(_ok: T): void {}

export function PlanView({ planId }: { planId: string }): ReactElement {
  const plan = usePlan(planId)
  if (!plan) return createElement('p', null, 'Loading...')
  expectType<Equal<typeof plan, Plan>>(true)
  return createElement('pre', null, plan.content)
}

// Loading, missing and failed told apart without an error boundary.
export function PlanStatus({ planId }: { planId: string | undefined }): ReactElement {
  const state: PlanState = usePlanState(planId)
  switch (state.status) {
    case 'found': {
      expectType<Equal<typeof state.plan, Plan>>(true)
      return createElement('pre', null, state.plan.content)
    }
    case 'failed': {
      expectType<Equal<typeof state.error, CruxError>>(true)
      return createElement('p', null, `Could not load: ${state.error.code}`)
    }
    case 'missing':
      return createElement('p', null, 'No such plan')
    case 'idle':
    case 'loading':
      // @ts-expect-error there is no plan while loading
      void state.plan.content
      return createElement('p', null, 'Loading...')
    // @ts-expect-error not a state usePlanState gives
    case 'deleted':
      return createElement('p')
  }
}

// The same with early returns, as a page would write it.
export function PlanPage({ planId }: { planId: string }): ReactElement {
  const state = usePlanState(planId)
  if (state.status === 'loading' || state.status === 'idle') return createElement('p', null, 'Loading...')
  if (state.status === 'missing') return createElement('p', null, 'No such plan')
  if (state.status === 'failed') return createElement('p', null, state.error.message)
  return createElement('pre', null, state.plan.content)
}

export function Overview({ flowId }: { flowId?: string }): ReactElement {
  const plans = usePlans()
  expectType<Equal<typeof plans, readonly Plan[] | undefined>>(true)
  const status = useFlow<{ planId: string }>(flowId)
  expectType<Equal<typeof status, Readonly<FlowStatus<{ planId: string }>> | undefined>>(true)
  const planId: string | undefined = status?.result?.planId
  usePlan(planId)
  usePlan(null)
  // @ts-expect-error a plan id is a string
  usePlan(5)
  // @ts-expect-error the list is read-only
  plans?.push(plans[0]!)
  const crux = useCrux()
  void crux.updatePlan
  return createElement('ul', null, plans?.map((p) => createElement('li', { key: p.id }, p.title)))
}

export const app = createElement(CruxProvider, { crux: createCrux({ storage: 'memory' }) }, createElement(PlanView, { planId: 'p' }))
// @ts-expect-error CruxProvider needs an instance
createElement(CruxProvider, {})

// Asking the browser to keep the store, and its answer.
export async function persistentCrux(): Promise<boolean> {
  const crux = createCrux({ name: 'kept', persist: true })
  const kept = await crux.persisted()
  expectType<Equal<typeof kept, boolean>>(true)
  return kept
}
