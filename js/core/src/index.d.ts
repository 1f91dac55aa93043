import type { Crux, CruxOptions } from './types.js'

export * from './errors.js'
export type * from './types.js'
export type { StandardSchema } from './schema.js'

/** An isolated instance with its own database; its methods are the module-level functions. */
export function createCrux(options?: CruxOptions): Crux
/** The instance behind the module-level functions, created on first use. */
export function getDefaultCrux(): Crux
/** Closes the default instance (as a page unload would); the next call opens it afresh. */
export function closeDefaultCrux(): Promise<void>
