import { useState } from 'react'
import { getModelSettings, setModelSettings } from '../model-settings.js'

/** Choose the model: the offline one, or any OpenAI-compatible server (Ollama, llama.cpp, vLLM…). */
export function SettingsPanel({ onClose }) {
  const current = getModelSettings()
  const [kind, setKind] = useState(current.kind)
  const [baseURL, setBaseURL] = useState(current.baseURL ?? 'http://localhost:11434/v1')
  const [modelId, setModelId] = useState(current.modelId ?? 'llama3.2')
  const [apiKey, setApiKey] = useState(current.apiKey ?? '')
  const [delayMs, setDelayMs] = useState(current.delayMs ?? 15)
  const [problem, setProblem] = useState()

  function save(event) {
    event.preventDefault()
    if (kind === 'openai') {
      try {
        new URL(baseURL)
      } catch {
        setProblem('The base URL must be a full address, like http://localhost:11434/v1')
        return
      }
      if (modelId.trim() === '') {
        setProblem('Name the model to use, like llama3.2')
        return
      }
      setModelSettings({ kind, baseURL: baseURL.trim(), modelId: modelId.trim(), apiKey })
    } else {
      setModelSettings({ kind, delayMs: Number(delayMs) })
    }
    onClose()
  }

  return (
    <form className="settings card" onSubmit={save} aria-label="Model settings">
      <h2>Model</h2>
      <fieldset>
        <label className="choice">
          <input type="radio" name="kind" value="offline" checked={kind === 'offline'} onChange={() => setKind('offline')} />
          <span>
            <strong>Offline model</strong>
            <span className="muted small">Built in and deterministic; writes plans and reports without any network.</span>
          </span>
        </label>
        <label className="choice">
          <input type="radio" name="kind" value="openai" checked={kind === 'openai'} onChange={() => setKind('openai')} />
          <span>
            <strong>OpenAI-compatible server</strong>
            <span className="muted small">Ollama, llama.cpp, vLLM or a hosted API.</span>
          </span>
        </label>
      </fieldset>
      {kind === 'offline' ? (
        <label>
          Typing delay per token: {delayMs} ms
          <input type="range" min="0" max="60" step="5" value={delayMs} onChange={(e) => setDelayMs(e.target.value)} />
        </label>
      ) : (
        <>
          <label>
            Base URL
            <input name="baseURL" value={baseURL} onChange={(e) => setBaseURL(e.target.value)} />
          </label>
          <label>
            Model
            <input name="modelId" value={modelId} onChange={(e) => setModelId(e.target.value)} />
          </label>
          <label>
            API key <span className="muted small">(optional for a local server)</span>
            <input name="apiKey" type="password" autoComplete="off" value={apiKey} onChange={(e) => setApiKey(e.target.value)} />
          </label>
          <p className="muted small">The key stays in this tab's memory only: it is never saved, and a reload forgets it.</p>
        </>
      )}
      {problem && <p className="notice notice-error" role="alert">{problem}</p>}
      <div className="form-actions">
        <button type="submit" className="primary">Use this model</button>
        <button type="button" onClick={onClose}>Cancel</button>
      </div>
    </form>
  )
}
