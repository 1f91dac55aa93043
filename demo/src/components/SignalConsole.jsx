import { useState } from 'react'
import { sendRawSignal } from '../review-actions.js'
import { ErrorNotice } from './ErrorNotice.jsx'

/** For the curious: send any payload to the run and see the engine validate it. */
export function SignalConsole({ flowId }) {
  const [name, setName] = useState('await-approval')
  const [payload, setPayload] = useState('{ "approved": "yes" }')
  const [error, setError] = useState()
  const [sent, setSent] = useState(false)

  async function send(event) {
    event.preventDefault()
    setError(undefined)
    setSent(false)
    try {
      await sendRawSignal(flowId, name, payload)
      setSent(true)
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
        {sent && <p className="notice notice-ok" role="status">Signal recorded.</p>}
        <ErrorNotice error={error} onDismiss={() => setError(undefined)} />
      </form>
    </details>
  )
}
