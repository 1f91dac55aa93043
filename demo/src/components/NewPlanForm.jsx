import { useState } from 'react'
import { writerFlow } from '../writer-flow.js'
import { ErrorNotice } from './ErrorNotice.jsx'

const example = {
  title: 'Launch the v1 blog post',
  brief: 'Announce our 1.0 release to developers: what is new, how to upgrade, and a short demo.',
}

/** What is missing from the form, by field: spaces alone are no title and no brief. */
function problems(title, brief) {
  const found = {}
  if (title.trim() === '') found.title = 'Give the plan a title.'
  if (brief.trim() === '') found.brief = 'Say in a sentence or two what the plan is for.'
  return found
}

/** Starts a writer flow from a title and a brief, then selects it. */
export function NewPlanForm({ onStarted }) {
  const [title, setTitle] = useState('')
  const [brief, setBrief] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState()
  const [missing, setMissing] = useState({})

  async function submit(event) {
    event.preventDefault()
    const found = problems(title, brief)
    setMissing(found)
    if (found.title || found.brief) {
      event.currentTarget.querySelector(found.title ? '[name=title]' : '[name=brief]')?.focus()
      return
    }
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

  const edit = (setter, field) => (e) => {
    setter(e.target.value)
    if (missing[field] && e.target.value.trim() !== '') setMissing({ ...missing, [field]: undefined })
  }

  return (
    <form className="card new-plan" onSubmit={submit} aria-label="New plan" noValidate>
      <h2>New plan</h2>
      <label>
        Title
        <input name="title" value={title} onChange={edit(setTitle, 'title')} placeholder={example.title} maxLength={200}
          aria-invalid={missing.title ? true : undefined} aria-describedby={missing.title ? 'title-problem' : undefined} />
      </label>
      {missing.title && <span className="field-problem" id="title-problem">{missing.title}</span>}
      <label>
        Brief
        <textarea name="brief" value={brief} onChange={edit(setBrief, 'brief')} placeholder={example.brief} rows={4}
          aria-invalid={missing.brief ? true : undefined} aria-describedby={missing.brief ? 'brief-problem' : undefined} />
      </label>
      {missing.brief && <span className="field-problem" id="brief-problem">{missing.brief}</span>}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Starting…' : 'Draft plan'}
        </button>
        <button type="button" className="link" onClick={() => { setTitle(example.title); setBrief(example.brief); setMissing({}) }}>
          Use an example
        </button>
      </div>
      <ErrorNotice error={error} onDismiss={() => setError(undefined)} />
    </form>
  )
}
