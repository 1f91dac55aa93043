import { useState, useSyncExternalStore } from 'react'
import { failureHint } from '../failure-hint.js'
import { getModelSettings, subscribeModelSettings } from '../model-settings.js'
import { retryRun } from '../run-actions.js'
import { ErrorNotice } from './ErrorNotice.jsx'

/** A run that stopped on an error: what went wrong, what to check, and a Retry. */
export function FailedRun({ plan, error, onRetried }) {
  const model = useSyncExternalStore(subscribeModelSettings, getModelSettings)
  const [busy, setBusy] = useState(false)
  const [retryError, setRetryError] = useState()
  const { title, hint } = failureHint(error, model, location.origin)

  async function retry() {
    setBusy(true)
    setRetryError(undefined)
    try {
      onRetried(await retryRun(plan))
    } catch (failure) {
      setRetryError(failure)
      setBusy(false)
    }
  }

  return (
    <section className="notice notice-error failed-run" role="alert" aria-label="Failure">
      <div className="notice-body">
        <strong>{title}</strong>
        <p className="hint">{hint}</p>
        <p className="failure-message">{error?.message ?? 'No error was recorded.'}</p>
        {error?.code && <span className="notice-code">{error.code}</span>}
        <div className="actions">
          <button type="button" className="primary" disabled={busy} onClick={retry}>
            {busy ? 'Starting…' : 'Retry'}
          </button>
        </div>
        <ErrorNotice error={retryError} onDismiss={() => setRetryError(undefined)} />
      </div>
    </section>
  )
}
