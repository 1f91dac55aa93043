import { usePlans } from '@crux/react'
import { waitingPlans } from '../waiting-plans.js'

/** When someone comes back: the plans paused on their decision (except the one open), one click away. */
export function WaitingNotice({ selectedFlowId, onSelect }) {
  const others = waitingPlans(usePlans()).filter((p) => p.metadata.flowId !== selectedFlowId)
  if (others.length === 0) return null
  return (
    <section className="notice notice-warn waiting-notice" aria-label="Waiting for you">
      <div className="notice-body">
        <strong>
          {others.length === 1 ? 'A plan is waiting for your decision:' : `${others.length} plans are waiting for your decision:`}
        </strong>
        <ul className="waiting-list">
          {others.toReversed().map((p) => (
            <li key={p.id}>
              <button type="button" className="link" onClick={() => onSelect(p.metadata.flowId)}>{p.title || 'Untitled'}</button>
            </li>
          ))}
        </ul>
      </div>
    </section>
  )
}
