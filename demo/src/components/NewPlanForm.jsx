import { useState } from 'react'
import { writerFlow } from '../writer-flow.js'
import { ErrorNotice } from './ErrorNotice.jsx'

const example = {
  title: 'Launch the v1 blog post',
  brief: 'Announce our 1.0 release to developers: what is new, how to upgrade, and a short demo.',
}

/** Starts a writer flow from a title and a brief, then selects it. */
export function NewPlanForm({ onStarted }) {
  const [title, setTitle] = useState('')
  const [brief, setBrief] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState()

  async function submit(event) {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      const run = await writerFlow.start({ title: title.trim(), brief: brief.trim() })
      setTitle('')
      setBrief('')
      onStarted(run.flowId)
    } catch (failure) {
      setError(failure)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="card new-plan" onSubmit={submit} aria-label="New plan">
      <h2>New plan</h2>
      <label>
        Title
        <input name="title" value={title} onChange={(e) => setTitle(e.target.value)} placeholder={example.title} required maxLength={200} />
      </label>
      <label>
        Brief
        <textarea name="brief" value={brief} onChange={(e) => setBrief(e.target.value)} placeholder={example.brief} rows={4} required />
      </label>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Starting…' : 'Draft plan'}
        </button>
        <button type="button" className="link" onClick={() => { setTitle(example.title); setBrief(example.brief) }}>
          Use an example
        </button>
      </div>
      <ErrorNotice error={error} onDismiss={() => setError(undefined)} />
    </form>
  )
}
