// Which Crux instance the hooks read: the one a <CruxProvider crux={…}> above gives, otherwise
// @crux/core's default instance (the one behind its module-level functions).

import { createContext, createElement, useContext } from 'react'
import { InvalidArgumentError, getDefaultCrux } from '@crux/core'

const CruxContext = createContext(undefined)

/** Makes `crux` (from createCrux) the instance of the hooks below it. */
export function CruxProvider({ crux, children }) {
  if (crux === null || typeof crux !== 'object' || typeof crux.peekPlan !== 'function') {
    throw new InvalidArgumentError('<CruxProvider> needs a crux={createCrux(…)} instance')
  }
  return createElement(CruxContext.Provider, { value: crux }, children)
}

/** The instance of the nearest CruxProvider, or the default instance. */
export function useCrux() {
  return useContext(CruxContext) ?? getDefaultCrux()
}
