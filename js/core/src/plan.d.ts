import type { Crux } from './types.js'

export type { Plan, PlanFields, PlanChanges } from './types.js'

export declare const plan: Crux['plan']
export declare const updatePlan: Crux['updatePlan']
export declare const getPlan: Crux['getPlan']
export declare const listPlans: Crux['listPlans']
export declare const deletePlan: Crux['deletePlan']
export declare const subscribePlan: Crux['subscribePlan']
export declare const peekPlan: Crux['peekPlan']
export declare const peekPlans: Crux['peekPlans']
export declare const subscribePlans: Crux['subscribePlans']
