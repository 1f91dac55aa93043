import type { ReactElement, ReactNode } from 'react'
import type { Crux, CruxError, FlowStatus, Plan } from '@crux/core'

/** Makes `crux` (from createCrux) the instance of the hooks below it; without one they use the default instance. */
export function CruxProvider(props: { crux: Crux; children?: ReactNode }): ReactElement
/** The instance of the nearest CruxProvider, or the default instance. */
export function useCrux(): Crux
/**
 * The plan, live: re-renders once per committed change. Undefined while the instance loads,
 * for a missing or deleted plan, and while `planId` is null or undefined. If the instance
 * failed to load (its .wasm or its store), throws that CruxError to the nearest error boundary;
 * usePlanState tells the cases apart without throwing.
 */
export function usePlan(planId: string | null | undefined): Plan | undefined
/** What usePlanState gives: the plan, or why there is none. */
export type PlanState =
  | { readonly status: 'found'; readonly plan: Plan; readonly error: undefined }
  | { readonly status: 'loading'; readonly plan: undefined; readonly error: undefined }
  | { readonly status: 'missing'; readonly plan: undefined; readonly error: undefined }
  | { readonly status: 'idle'; readonly plan: undefined; readonly error: undefined }
  | { readonly status: 'failed'; readonly plan: undefined; readonly error: CruxError }
/**
 * The plan and what its absence means: 'loading' (the instance is loading its store), 'found',
 * 'missing' (no such plan, or deleted), 'failed' (the instance failed to load; `error` says
 * why, nothing is thrown) or 'idle' (`planId` is null or undefined). The same object until
 * one of them changes.
 */
export function usePlanState(planId: string | null | undefined): PlanState
/**
 * Every plan, oldest first, live: the same frozen array until a plan changes. Undefined while
 * the instance loads. Throws the instance's load error to the nearest error boundary.
 */
export function usePlans(): readonly Plan[] | undefined
/**
 * The run's status (what `handle.status()` resolves to), live. Undefined while the instance
 * loads, for an unknown run, and while `flowId` is null or undefined. Throws the instance's
 * load error to the nearest error boundary.
 */
export function useFlow<Result = unknown>(flowId: string | null | undefined): Readonly<FlowStatus<Result>> | undefined
