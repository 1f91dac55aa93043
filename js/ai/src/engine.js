// The engine module that generate calls share: the wire formats live in it.

import { loadEngineModule, once } from '@crux/core/internal'

/** @type {() => Promise<any>} */
export const engineModule = once(loadEngineModule)
