'use client'
// @crux/react: React hooks over @crux/core's public subscribe/peek API. Client code: the
// directive above lets a Next.js server component import CruxProvider.

export { CruxProvider, useCrux } from './crux-context.js'
export { usePlan, usePlanState } from './use-plan.js'
export { usePlans } from './use-plans.js'
export { useFlow } from './use-flow.js'
