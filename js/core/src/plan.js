// @crux/core/plan: plan documents on the default instance.

import { getDefaultCrux } from './index.js'

/** Creates a plan `{ title, content, metadata }`. */
export const plan = (fields) => getDefaultCrux().plan(fields)
/** Replaces title/content, merge-patches metadata; `{ ifVersion }` guards against lost updates. */
export const updatePlan = (id, changes, options) => getDefaultCrux().updatePlan(id, changes, options)
/** The plan, or undefined. */
export const getPlan = (id) => getDefaultCrux().getPlan(id)
/** Every plan, oldest first. */
export const listPlans = () => getDefaultCrux().listPlans()
export const deletePlan = (id) => getDefaultCrux().deletePlan(id)
/** Calls `listener` with the new Plan (or undefined once deleted) after every committed change. */
export const subscribePlan = (id, listener) => getDefaultCrux().subscribePlan(id, listener)
/** The plan synchronously: the same frozen snapshot until its next committed change (undefined if missing or still loading). */
export const peekPlan = (id) => getDefaultCrux().peekPlan(id)
/** Every plan synchronously, oldest first: one frozen array until a plan changes (undefined while loading). */
export const peekPlans = () => getDefaultCrux().peekPlans()
/** Calls `listener` with the new list after every commit that created, changed or deleted plans. */
export const subscribePlans = (listener) => getDefaultCrux().subscribePlans(listener)
