// Which plans wait for a person's decision: their flow drafted them and is paused on the approval.

/** The plans (with a flow) whose status says they await approval, oldest first. */
export function waitingPlans(plans) {
  return (plans ?? []).filter((p) => typeof p.metadata?.flowId === 'string' && p.metadata.status === 'awaiting-approval')
}
