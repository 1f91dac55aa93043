import { usePlan, usePlans, useFlow } from '@crux/react'
import { displayStatus } from '../status.js'
import { dateTime } from '../time-format.js'
import { StatusBadge } from './StatusBadge.jsx'
import { ModelText } from './ModelText.jsx'
import { ReviewBar } from './ReviewBar.jsx'
import { ExecutionReport } from './ExecutionReport.jsx'
import { HistoryTimeline } from './HistoryTimeline.jsx'
import { SignalConsole } from './SignalConsole.jsx'

/** One run of the writer flow: its plan document, the review, the result and the timeline. */
export function PlanReview({ flowId }) {
  const plans = usePlans()
  const planId = plans?.find((p) => p.metadata?.flowId === flowId)?.id
  return (
    <div className="review">
      {planId ? <PlanDocument planId={planId} flowId={flowId} /> : <StartingRun flowId={flowId} loading={plans === undefined} />}
      <div className="review-side">
        <HistoryTimeline flowId={flowId} />
        <SignalConsole flowId={flowId} />
      </div>
    </div>
  )
}

function StartingRun({ flowId, loading }) {
  const run = useFlow(flowId)
  return (
    <article className="card document">
      <p className="muted">{loading || run?.status === 'running' ? 'Starting the flow…' : `No plan belongs to flow ${flowId}.`}</p>
    </article>
  )
}

function PlanDocument({ planId, flowId }) {
  const plan = usePlan(planId)
  const run = useFlow(flowId)
  if (!plan) return <article className="card document"><p className="muted">Loading…</p></article>
  const status = displayStatus(plan, run)
  const waiting = run?.status === 'suspended' && run.waitingFor === 'await-approval'
  return (
    <article className="card document" aria-label="Plan">
      <header className="document-header">
        <div>
          <h1>{plan.title || 'Untitled'}</h1>
          <p className="muted">
            {plan.metadata.brief && <span className="brief">{plan.metadata.brief}</span>}
            <span>Created {dateTime(plan.createdAt)} · version {plan.version}{plan.metadata.revised ? ' · revised by you' : ''}</span>
          </p>
        </div>
        <StatusBadge status={status} />
      </header>

      {waiting ? (
        <ReviewBar plan={plan} flowId={flowId} />
      ) : (
        <ModelText text={plan.content} className="plan-text" testId="plan-content">
          {status === 'drafting' && <span className="caret" aria-hidden="true" />}
        </ModelText>
      )}

      {run?.status === 'failed' && (
        <div className="notice notice-error" role="alert">
          <div className="notice-body">
            <strong>The flow failed.</strong>
            <p>{run.error?.message ?? 'No error was recorded.'}</p>
            {run.error?.code && <span className="notice-code">{run.error.code}</span>}
          </div>
        </div>
      )}
      {status === 'rejected' && <p className="outcome outcome-rejected">You rejected this plan. Nothing was carried out.</p>}
      {status === 'expired' && <p className="outcome outcome-rejected">Nobody answered within 7 days, so the flow stopped waiting.</p>}
      <ExecutionReport plan={plan} status={status} />
    </article>
  )
}
