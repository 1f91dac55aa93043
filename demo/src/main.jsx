import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { getDefaultCrux } from '@crux/core'
import { CruxProvider } from '@crux/react'
import './writer-flow.js' // registered on every load: a run waiting from an earlier visit resumes here
import { App } from './components/App.jsx'
import './styles.css'

createRoot(document.getElementById('root')).render(
  <StrictMode>
    <CruxProvider crux={getDefaultCrux()}>
      <App />
    </CruxProvider>
  </StrictMode>,
)
