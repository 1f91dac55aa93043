// The default instance, behind the module-level functions of '@crux/core/flow' and
// '@crux/core/plan'. It is created on first use. Importing a module that registers flows
// creates it only where IndexedDB exists (a browser: runs waiting for those flows resume at
// once); on a server (Next.js build or server rendering, plain Node) registering keeps the
// definition until something is called, so nothing is created or logged before then.

import { Crux } from './crux.js'
import { FlowRegistry, definitionObject, handOver, readDefinition } from './definitions.js'

let defaultCrux
/** Flows registered while there was no default instance; handed to it when it is created. */
const waiting = new FlowRegistry()

/** The instance behind the module-level functions, created on first use. */
export function getDefaultCrux() {
  if (!defaultCrux) {
    const durable = typeof indexedDB !== 'undefined'
    if (!durable) {
      console.warn(
        '[crux] no IndexedDB here (a server or plain Node): the default instance keeps flows and plans in memory, ' +
          'lost when this process exits. Crux runs flows in the browser; for a store in memory on purpose, use createCrux({ storage: \'memory\' }).',
      )
    }
    defaultCrux = new Crux({ name: 'default', storage: durable ? 'indexeddb' : 'memory' })
    for (const definition of waiting.take()) handOver(defaultCrux, definition)
  }
  return defaultCrux
}

/** Closes the default instance (as a page unload would); the next call opens it afresh. */
export async function closeDefaultCrux() {
  const closing = defaultCrux
  defaultCrux = undefined
  await closing?.close()
}

/** flow() of '@crux/core/flow': registers on the default instance, or waits for it (see above). */
export function defaultFlow(name, rest) {
  if (defaultCrux || typeof indexedDB !== 'undefined') return getDefaultCrux().flow(name, ...rest)
  const definition = readDefinition(name, rest)
  waiting.add(definition)
  return definitionObject(definition, getDefaultCrux)
}

