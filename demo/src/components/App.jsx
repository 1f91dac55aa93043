import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react'
import { usePlans } from '@crux/react'
import { describeModel, getModelSettings, subscribeModelSettings } from '../model-settings.js'
import { useSelectedFlow } from '../selection.js'
import { useLoadError } from '../use-load-error.js'
import { waitingPlans } from '../waiting-plans.js'
import { LoadFailed } from './LoadFailed.jsx'
import { NewPlanForm } from './NewPlanForm.jsx'
import { PlanList } from './PlanList.jsx'
import { PlanReview } from './PlanReview.jsx'
import { SettingsPanel } from './SettingsPanel.jsx'
import { WaitingNotice } from './WaitingNotice.jsx'

const pageTitle = document.title

export function App() {
  const [flowId, select] = useSelectedFlow()
  const [settingsOpen, setSettingsOpen] = useState(false)
  const model = useSyncExternalStore(subscribeModelSettings, getModelSettings)
  const loadError = useLoadError()
  const workspace = useRef(null)
  const settingsButton = useRef(null)
  const [reveal, setReveal] = useState(0)
  const waiting = waitingPlans(usePlans()).length

  // Selecting a plan shows it: on a phone the plan sits below the form and the list. (The
  // workspace is then at least a screen tall, so its top can be scrolled to while the plan loads.)
  const show = useCallback((id) => {
    select(id)
    setReveal((n) => n + 1)
  }, [select])
  useEffect(() => {
    const box = workspace.current?.getBoundingClientRect()
    if (reveal > 0 && box && (box.top < 0 || box.top > innerHeight / 4)) {
      workspace.current.scrollIntoView({ block: 'start' })
    }
  }, [reveal])

  useEffect(() => {
    document.title = waiting > 0 ? `(${waiting}) ${pageTitle}` : pageTitle
  }, [waiting])

  const closeSettings = useCallback(() => {
    setSettingsOpen(false)
    settingsButton.current?.focus()
  }, [])
  useEffect(() => {
    if (!settingsOpen) return undefined
    const onKey = (event) => event.key === 'Escape' && closeSettings()
    addEventListener('keydown', onKey)
    return () => removeEventListener('keydown', onKey)
  }, [settingsOpen, closeSettings])

  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <span className="logo" aria-hidden="true">C</span>
          <div>
            <div className="brand-name">Crux</div>
            <div className="brand-tag">Plan with approval · runs in your browser, saved in IndexedDB</div>
          </div>
        </div>
        <button type="button" ref={settingsButton} className="model-chip" aria-expanded={settingsOpen}
          onClick={() => (settingsOpen ? closeSettings() : setSettingsOpen(true))}>
          <span className={`dot dot-${model.kind}`} aria-hidden="true" />
          <span className="model-name">{describeModel(model)}</span>
          <span className="muted">· Settings</span>
        </button>
      </header>
      {settingsOpen && (
        <div className="settings-layer" onClick={(e) => e.target === e.currentTarget && closeSettings()}>
          <SettingsPanel onClose={closeSettings} />
        </div>
      )}
      {loadError ? (
        <main className="layout-single">
          <LoadFailed error={loadError} />
        </main>
      ) : (
        <main className="layout">
          <aside className="sidebar">
            <NewPlanForm onStarted={show} />
            <PlanList selectedFlowId={flowId} onSelect={show} />
          </aside>
          <section className={`workspace${flowId ? ' has-plan' : ''}`} ref={workspace}>
            <WaitingNotice selectedFlowId={flowId} onSelect={show} />
            {flowId ? (
              <PlanReview key={flowId} flowId={flowId} onSelect={show} />
            ) : (
              <div className="card empty">
                <h1>Durable plans, approved by a person</h1>
                <p>
                  Give a title and a brief. A flow drafts a plan with the model — you watch it being written — then
                  <strong> pauses until you approve, edit or reject it</strong>. Reload the page or come back tomorrow: the
                  flow is still waiting, and on approval it carries on from exactly where it stopped.
                </p>
                <ol className="steps">
                  <li><span>1</span> Draft the plan</li>
                  <li><span>2</span> Wait for your approval</li>
                  <li><span>3</span> Carry it out and report</li>
                </ol>
              </div>
            )}
          </section>
        </main>
      )}
    </div>
  )
}
