// @crux/core/flow: flows on the default instance.

import { defaultFlow, getDefaultCrux } from './default-crux.js'

/** Registers a flow definition; returns it (`def.start(input, { flowId })`). */
export const flow = (name, ...rest) => defaultFlow(name, rest)
/** Records a signal for a run; resolves once it is durable. */
export const signalFlow = (flowId, name, payload, options) => getDefaultCrux().signalFlow(flowId, name, payload, options)
/** A handle on a run by id (an unknown id fails on its methods). */
export const getFlow = (flowId) => getDefaultCrux().getFlow(flowId)
/** Summaries of the runs, optionally filtered by `{ status, name }`. */
export const listFlows = (filter) => getDefaultCrux().listFlows(filter)
/** Deletes a run, its journal and summary, whatever its state. */
export const deleteFlow = (flowId) => getDefaultCrux().deleteFlow(flowId)
/** Calls `listener` after every committed change to a run; returns the unsubscribe function. */
export const subscribeFlow = (flowId, listener) => getDefaultCrux().subscribeFlow(flowId, listener)
/** The run's status synchronously: the same frozen object until its next committed change (undefined if unknown or still loading). */
export const peekFlow = (flowId) => getDefaultCrux().peekFlow(flowId)
