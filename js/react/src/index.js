// @crux/react: React hooks over @crux/core's public subscribe/peek API.

export { CruxProvider, useCrux } from './crux-context.js'
export { usePlan } from './use-plan.js'
export { usePlans } from './use-plans.js'
export { useFlow } from './use-flow.js'
