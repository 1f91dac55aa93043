'use client'
// Which Crux instance the hooks read: the one a <CruxProvider crux={…}> above gives, otherwise
// @crux/core's default instance (the one behind its module-level functions). The hooks resolve
// the default instance only where they read a store, never in server rendering, so rendering
// on a server creates no instance.

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

/** The nearest CruxProvider's instance, or undefined for the default one (see instanceOf). */
export function useCruxSource() {
  return useContext(CruxContext)
}

/** The instance a source names: the provider's, or the default one (created on first use). */
export function instanceOf(source) {
  return source ?? getDefaultCrux()
}
