import { usePlans, useFlow } from '@crux/react'
import { displayStatus } from '../status.js'
import { ago } from '../time-format.js'
import { StatusBadge } from './StatusBadge.jsx'

/** Every plan, newest first, with its plan status and its flow's status. */
export function PlanList({ selectedFlowId, onSelect }) {
  const plans = usePlans()
  const withFlows = (plans ?? []).filter((p) => typeof p.metadata?.flowId === 'string').toReversed()
  return (
    <nav className="card plan-list" aria-label="Plans">
      <h2>
        Plans <span className="count">{withFlows.length}</span>
      </h2>
      {plans === undefined ? (
        <p className="muted">Loading…</p>
      ) : withFlows.length === 0 ? (
        <p className="muted">No plans yet. Write a brief above and the offline model drafts one.</p>
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
  return (
    <li>
      <button type="button" className={`plan-row${selected ? ' selected' : ''}`} aria-current={selected ? 'true' : undefined}
        data-flow-id={plan.metadata.flowId} onClick={() => onSelect(plan.metadata.flowId)}>
        <span className="plan-row-title">{plan.title || 'Untitled'}</span>
        <span className="plan-row-meta">
          <StatusBadge status={displayStatus(plan, run)} />
          <span className="flow-chip" title="flow status">
            flow: {run?.status ?? '…'}
          </span>
          <span className="muted">{ago(plan.updatedAt)}</span>
        </span>
      </button>
    </li>
  )
}
