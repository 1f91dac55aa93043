import { usePlans, useFlow } from '@crux/react'
import { displayStatus } from '../status.js'
import { ago } from '../time-format.js'
import { waitingPlans } from '../waiting-plans.js'
import { StatusBadge } from './StatusBadge.jsx'

/** Every plan, newest first, with its status; the ones waiting for a decision say so. */
export function PlanList({ selectedFlowId, onSelect }) {
  const plans = usePlans()
  const withFlows = (plans ?? []).filter((p) => typeof p.metadata?.flowId === 'string').toReversed()
  const waiting = waitingPlans(plans).length
  return (
    <nav className="card plan-list" aria-label="Plans">
      <h2>
        Plans <span className="count">{withFlows.length}</span>
        {waiting > 0 && <span className="count count-waiting">{waiting} waiting for you</span>}
      </h2>
      {plans === undefined ? (
        <p className="muted">Loading…</p>
      ) : withFlows.length === 0 ? (
        <p className="muted">No plans yet. Write a brief above and the model drafts one.</p>
      ) : (
        <ul>
          {withFlows.map((plan) => (
            <PlanListRow key={plan.id} plan={plan} selected={plan.metadata.flowId === selectedFlowId} onSelect={onSelect} />
          ))}
        </ul>
      )}
    </nav>
  )
}

function PlanListRow({ plan, selected, onSelect }) {
  const run = useFlow(plan.metadata.flowId)
  const status = displayStatus(plan, run)
  return (
    <li>
      <button type="button" className={`plan-row${selected ? ' selected' : ''}${status === 'awaiting-approval' ? ' needs-you' : ''}`}
        aria-current={selected ? 'true' : undefined} data-flow-id={plan.metadata.flowId} data-run-status={run?.status ?? ''}
        onClick={() => onSelect(plan.metadata.flowId)}>
        <span className="plan-row-title">{plan.title || 'Untitled'}</span>
        <span className="plan-row-meta">
          <StatusBadge status={status} />
          <span className="muted">{ago(plan.updatedAt)}</span>
        </span>
      </button>
    </li>
  )
}
