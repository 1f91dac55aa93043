import { useState } from 'react'
import { approvePlan, approveWithRevisions, rejectPlan } from '../review-actions.js'
import { useAction } from '../use-action.js'
import { ErrorNotice } from './ErrorNotice.jsx'
import { ModelText } from './ModelText.jsx'

/** The plan while its flow waits for a decision: read it, or edit it, then approve or reject. */
export function ReviewBar({ plan, flowId }) {
  const [editing, setEditing] = useState(false)
  const [draft, setDraft] = useState(plan.content)
  const { busy, error, act, clearError } = useAction({ staysBusy: true })

  return (
    <section className="review-bar" aria-label="Review">
      {editing ? (
        <textarea className="plan-text plan-editor" aria-label="Plan text" value={draft} onChange={(e) => setDraft(e.target.value)} rows={16} />
      ) : (
        <ModelText text={plan.content} className="plan-text" testId="plan-content" />
      )}
      <div className="callout">
        <p>
          <strong>This flow is paused until you decide.</strong> Nothing runs while it waits; you can close the
          tab and come back later.
        </p>
        <div className="actions">
          {editing ? (
            <>
              <button type="button" className="primary" disabled={busy || draft.trim() === ''}
                onClick={() => act(() => approveWithRevisions(plan.id, flowId, draft))}>
                Approve with revisions
              </button>
              <button type="button" disabled={busy} onClick={() => { setEditing(false); setDraft(plan.content) }}>
                Discard edits
              </button>
            </>
          ) : (
            <>
              <button type="button" className="primary" disabled={busy} onClick={() => act(() => approvePlan(plan.id, flowId))}>
                Approve
              </button>
              <button type="button" disabled={busy} onClick={() => { setDraft(plan.content); setEditing(true) }}>
                Edit
              </button>
            </>
          )}
          <button type="button" className="danger" disabled={busy} onClick={() => act(() => rejectPlan(plan.id, flowId))}>
            Reject
          </button>
        </div>
      </div>
      <ErrorNotice error={error} onDismiss={clearError} />
    </section>
  )
}
