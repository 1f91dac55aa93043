// Whether the page's Crux instance failed to load its store (a damaged or unreadable store):
// then every call would reject, and the page shows the error instead of waiting forever.
import { useEffect, useState } from 'react'
import { useCrux } from '@crux/react'

/** The error the instance failed to load with, or undefined (while loading and once loaded). */
export function useLoadError() {
  const crux = useCrux()
  const [failed, setFailed] = useState({ crux, error: undefined })
  useEffect(() => {
    let live = true
    crux.ready().catch((error) => live && setFailed({ crux, error }))
    return () => {
      live = false
    }
  }, [crux])
  return failed.crux === crux ? failed.error : undefined
}
