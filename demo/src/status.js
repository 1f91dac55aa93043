// What a plan's badge says: the plan's own status, unless its flow stopped on an error.

export const statusLabels = {
  starting: 'Starting',
  drafting: 'Drafting',
  'awaiting-approval': 'Awaiting approval',
  approved: 'Approved',
  executing: 'Executing',
  done: 'Done',
  rejected: 'Rejected',
  expired: 'Expired',
  failed: 'Failed',
  cancelled: 'Cancelled',
  // flow statuses
  running: 'Running',
  suspended: 'Suspended',
  completed: 'Completed',
}

/** The plan's status as the page shows it, given the plan and its run's status object. */
export function displayStatus(plan, run) {
  if (run?.status === 'failed' || run?.status === 'cancelled') return run.status
  return plan?.metadata?.status ?? 'starting'
}
