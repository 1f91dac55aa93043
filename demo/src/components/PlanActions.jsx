import { useState } from 'react'
import { cancelRun, deletePlanAndRun } from '../run-actions.js'
import { useAction } from '../use-action.js'
import { ErrorNotice } from './ErrorNotice.jsx'

const going = new Set(['running', 'suspended'])

/** Cancel the plan's run while it goes on; delete the plan, after saying so once more. */
export function PlanActions({ plan, flowId, run, onDeleted }) {
  const [confirming, setConfirming] = useState(false)
  const { busy, error, act, clearError } = useAction()

  return (
    <footer className="plan-actions" aria-label="Plan actions">
      {confirming ? (
        <div className="confirm" role="group" aria-label="Confirm deletion">
          <span>Delete “{plan.title || 'Untitled'}”?{going.has(run?.status) ? ' Its flow is cancelled too.' : ''} This cannot be undone.</span>
          <div className="actions">
            <button type="button" className="danger" disabled={busy}
              onClick={() => act(async () => { await deletePlanAndRun(plan.id, flowId); onDeleted() })}>
              Delete
            </button>
            <button type="button" disabled={busy} onClick={() => setConfirming(false)}>Keep it</button>
          </div>
        </div>
      ) : (
        <div className="actions">
          {going.has(run?.status) && (
            <button type="button" disabled={busy} onClick={() => act(() => cancelRun(plan.id, flowId))}>
              Cancel flow
            </button>
          )}
          <button type="button" className="quiet-danger" disabled={busy} onClick={() => setConfirming(true)}>
            Delete plan
          </button>
        </div>
      )}
      <ErrorNotice error={error} onDismiss={clearError} />
    </footer>
  )
}
