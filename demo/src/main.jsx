import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { CruxError, getDefaultCrux } from '@crux/core'
import { CruxProvider } from '@crux/react'
import './writer-flow.js' // registered on every load: a run waiting from an earlier visit resumes here
import { App } from './components/App.jsx'
import { LoadErrorBoundary } from './components/LoadErrorBoundary.jsx'
import './styles.css'

// A store that cannot load is shown by LoadErrorBoundary; React need not report it again.
const onCaughtError = (error, info) => {
  if (!(error instanceof CruxError)) console.error(error, info.componentStack)
}

createRoot(document.getElementById('root'), { onCaughtError }).render(
  <StrictMode>
    <CruxProvider crux={getDefaultCrux()}>
      <LoadErrorBoundary>
        <App />
      </LoadErrorBoundary>
    </CruxProvider>
  </StrictMode>,
)
