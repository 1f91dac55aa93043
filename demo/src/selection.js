// The selected run lives in the address (#flow=<id>), so a reload or a shared link shows it again.
import { useCallback, useSyncExternalStore } from 'react'

function read() {
  return new URLSearchParams(location.hash.slice(1)).get('flow') ?? undefined
}

function subscribe(listener) {
  addEventListener('hashchange', listener)
  return () => removeEventListener('hashchange', listener)
}

/** [selected flowId | undefined, select(flowId)] */
export function useSelectedFlow() {
  const flowId = useSyncExternalStore(subscribe, read)
  const select = useCallback((id) => {
    location.hash = id ? `flow=${encodeURIComponent(id)}` : ''
  }, [])
  return [flowId, select]
}
