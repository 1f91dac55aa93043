import type { ReactElement, ReactNode } from 'react'
import type { Crux, FlowStatus, Plan } from '@crux/core'

/** Makes `crux` (from createCrux) the instance of the hooks below it; without one they use the default instance. */
export function CruxProvider(props: { crux: Crux; children?: ReactNode }): ReactElement
/** The instance of the nearest CruxProvider, or the default instance. */
export function useCrux(): Crux
/**
 * The plan, live: re-renders once per committed change. Undefined while the instance loads,
 * for a missing or deleted plan, and while `planId` is null or undefined.
 */
export function usePlan(planId: string | null | undefined): Plan | undefined
/** Every plan, oldest first, live: the same frozen array until a plan changes. Undefined while the instance loads. */
export function usePlans(): readonly Plan[] | undefined
/**
 * The run's status (what `handle.status()` resolves to), live. Undefined while the instance
 * loads, for an unknown run, and while `flowId` is null or undefined.
 */
export function useFlow<Result = unknown>(flowId: string | null | undefined): Readonly<FlowStatus<Result>> | undefined
