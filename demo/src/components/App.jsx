import { useState, useSyncExternalStore } from 'react'
import { describeModel, getModelSettings, subscribeModelSettings } from '../model-settings.js'
import { useSelectedFlow } from '../selection.js'
import { useLoadError } from '../use-load-error.js'
import { LoadFailed } from './LoadFailed.jsx'
import { NewPlanForm } from './NewPlanForm.jsx'
import { PlanList } from './PlanList.jsx'
import { PlanReview } from './PlanReview.jsx'
import { SettingsPanel } from './SettingsPanel.jsx'

export function App() {
  const [flowId, select] = useSelectedFlow()
  const [settingsOpen, setSettingsOpen] = useState(false)
  const model = useSyncExternalStore(subscribeModelSettings, getModelSettings)
  const loadError = useLoadError()

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
        <button type="button" className="model-chip" aria-expanded={settingsOpen} onClick={() => setSettingsOpen(!settingsOpen)}>
          <span className={`dot dot-${model.kind}`} aria-hidden="true" />
          {describeModel(model)}
          <span className="muted">· Settings</span>
        </button>
      </header>
      {settingsOpen && (
        <div className="settings-layer" onClick={(e) => e.target === e.currentTarget && setSettingsOpen(false)}>
          <SettingsPanel onClose={() => setSettingsOpen(false)} />
        </div>
      )}
      {loadError ? (
        <main className="layout-single">
          <LoadFailed error={loadError} />
        </main>
      ) : (
        <main className="layout">
          <aside className="sidebar">
            <NewPlanForm onStarted={select} />
            <PlanList selectedFlowId={flowId} onSelect={select} />
          </aside>
          <section className="workspace">
            {flowId ? (
              <PlanReview key={flowId} flowId={flowId} />
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
