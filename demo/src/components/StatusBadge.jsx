import { statusLabels } from '../status.js'

/** A coloured pill naming a plan or flow status. */
export function StatusBadge({ status, kind = 'plan' }) {
  return (
    <span className={`badge badge-${status}`} data-testid={`${kind}-status`} data-status={status}>
      {statusLabels[status] ?? status}
    </span>
  )
}
