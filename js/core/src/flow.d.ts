import type { Crux } from './types.js'

export type { FlowContext, FlowDefinition, FlowHandle, FlowStatus, FlowSummary, FlowEvent, StepOptions, SuspendOptions, SignalOptions, SignalResult, Duration } from './types.js'

export declare const flow: Crux['flow']
export declare const signalFlow: Crux['signalFlow']
export declare const getFlow: Crux['getFlow']
export declare const listFlows: Crux['listFlows']
export declare const deleteFlow: Crux['deleteFlow']
export declare const subscribeFlow: Crux['subscribeFlow']
export declare const peekFlow: Crux['peekFlow']
