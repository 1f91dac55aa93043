// A run's journal (getFlow(id).history()), read again after every committed change to the run.
import { useEffect, useState } from 'react'
import { getFlow, subscribeFlow } from '@crux/core/flow'

/** The run's history events, or undefined while loading; { error } if it cannot be read. */
export function useFlowHistory(flowId) {
  const [state, setState] = useState({ flowId, events: undefined, error: undefined })
  useEffect(() => {
    let live = true
    let reading = Promise.resolve()
    const read = () => {
      reading = reading.then(() => getFlow(flowId).history()).then(
        (events) => live && setState({ flowId, events, error: undefined }),
        (error) => live && setState({ flowId, events: undefined, error }),
      )
    }
    const unsubscribe = subscribeFlow(flowId, read)
    read()
    return () => {
      live = false
      unsubscribe()
    }
  }, [flowId])
  return state.flowId === flowId ? state : { flowId, events: undefined, error: undefined }
}
