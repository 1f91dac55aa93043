import { usePlan, usePlans, useFlow } from '@crux/react'
import { displayStatus } from '../status.js'
import { ago, dateTime } from '../time-format.js'
import { StatusBadge } from './StatusBadge.jsx'
import { ModelText } from './ModelText.jsx'
import { ReviewBar } from './ReviewBar.jsx'
import { ExecutionReport } from './ExecutionReport.jsx'
import { FailedRun } from './FailedRun.jsx'
import { PlanActions } from './PlanActions.jsx'
import { HistoryTimeline } from './HistoryTimeline.jsx'
import { SignalConsole } from './SignalConsole.jsx'

/** One run of the writer flow: its plan document, the review, the result and the timeline. */
export function PlanReview({ flowId, onSelect }) {
  const plans = usePlans()
  const planId = plans?.find((p) => p.metadata?.flowId === flowId)?.id
  return (
    <div className="review">
      {planId ? (
        <PlanDocument planId={planId} flowId={flowId} onSelect={onSelect} />
      ) : (
        <StartingRun flowId={flowId} loading={plans === undefined} onSelect={onSelect} />
      )}
      <div className="review-side">
        <HistoryTimeline flowId={flowId} />
        <SignalConsole flowId={flowId} />
      </div>
    </div>
  )
}

function StartingRun({ flowId, loading, onSelect }) {
  const run = useFlow(flowId)
  const starting = loading || run?.status === 'running'
  return (
    <article className="card document" aria-label="Plan">
      {starting ? (
        <p className="muted">Starting…</p>
      ) : (
        <>
          <p className="muted">This plan is not here any more: it was deleted, or the link is wrong.</p>
          <button type="button" onClick={() => onSelect(undefined)}>Back to the start</button>
        </>
      )}
    </article>
  )
}

function PlanDocument({ planId, flowId, onSelect }) {
  const plan = usePlan(planId)
  const run = useFlow(flowId)
  if (!plan) return <article className="card document" aria-label="Plan"><p className="muted">Loading…</p></article>
  const status = displayStatus(plan, run)
  const waiting = run?.status === 'suspended' && run.waitingFor === 'await-approval'
  const failed = run?.status === 'failed'
  return (
    <article className="card document" aria-label="Plan" data-run-status={run?.status}>
      <header className="document-header">
        <div className="document-title">
          <h1>{plan.title || 'Untitled'}</h1>
          <p className="muted">
            {plan.metadata.brief && <span className="brief">{plan.metadata.brief}</span>}
            <span>
              Created {dateTime(plan.createdAt)}
              {plan.updatedAt - plan.createdAt > 1000 && ` · updated ${ago(plan.updatedAt)}`}
              {plan.metadata.revised ? ' · edited by you' : ''}
            </span>
          </p>
        </div>
        <StatusBadge status={status} />
      </header>

      {waiting ? (
        <ReviewBar plan={plan} flowId={flowId} />
      ) : (plan.content !== '' || status === 'drafting') && (
        <ModelText text={plan.content} className="plan-text" testId="plan-content" streaming={status === 'drafting'}>
          {status === 'drafting' && <span className="caret" aria-hidden="true" />}
        </ModelText>
      )}

      {failed && <FailedRun plan={plan} error={run.error} onRetried={onSelect} />}
      {status === 'rejected' && <p className="outcome outcome-rejected">You rejected this plan. Nothing was carried out.</p>}
      {status === 'expired' && <p className="outcome outcome-rejected">Nobody answered within 7 days, so the flow stopped waiting.</p>}
      {status === 'cancelled' && <p className="outcome outcome-rejected">You cancelled this flow. Nothing more will run.</p>}
      <ExecutionReport plan={plan} status={status} />
      <PlanActions plan={plan} flowId={flowId} run={run} onDeleted={() => onSelect(undefined)} />
    </article>
  )
}
