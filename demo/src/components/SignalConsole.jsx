import { useState } from 'react'
import { sendRawSignal } from '../review-actions.js'
import { ErrorNotice } from './ErrorNotice.jsx'

/** For the curious: send any payload to the run and see the engine validate it. */
export function SignalConsole({ flowId }) {
  const [name, setName] = useState('await-approval')
  const [payload, setPayload] = useState('{ "approved": "yes" }')
  const [error, setError] = useState()
  const [sent, setSent] = useState()

  async function send(event) {
    event.preventDefault()
    setError(undefined)
    setSent(undefined)
    try {
      setSent({ name, ...(await sendRawSignal(flowId, name, payload)) })
    } catch (failure) {
      setError(failure)
    }
  }

  return (
    <details className="card signal-console">
      <summary>Send a signal by hand</summary>
      <form onSubmit={send}>
        <p className="muted small">
          The wait's schema is <code>{'{ approved: boolean, revisions?: string }'}</code>. The engine checks a payload
          when it is sent and records nothing if it does not fit.
        </p>
        <label>
          Signal
          <input name="signal" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          Payload (JSON)
          <textarea name="payload" className="mono" rows={3} value={payload} onChange={(e) => setPayload(e.target.value)} />
        </label>
        <button type="submit">Send signal</button>
        {sent && <SignalOutcome sent={sent} />}
        <ErrorNotice error={error} onDismiss={() => setError(undefined)} />
      </form>
    </details>
  )
}

/** What became of the signal: taken by the wait the flow is parked on, or buffered for a later one. */
function SignalOutcome({ sent }) {
  if (sent.outcome === 'delivered') {
    return (
      <p className="notice notice-ok" role="status" data-outcome="delivered">
        <span>
          Signal delivered to the wait <code>{sent.name}</code>.
        </span>
      </p>
    )
  }
  return (
    <p className="notice notice-warn" role="status" data-outcome="buffered">
      <span>
        Signal buffered, not delivered:{' '}
        {sent.waitingFor ? (
          <>
            the flow is waiting for <code>{sent.waitingFor}</code>, not <code>{sent.name}</code>.
          </>
        ) : (
          <>the flow is not waiting for a signal right now.</>
        )}{' '}
        A later wait named <code>{sent.name}</code> will take it.
      </span>
    </p>
  )
}
