import type { EngineModule } from './module.d.ts'

export type StorageKind = 'indexeddb' | 'memory'

/** The store directory of one engine module and its single-flight, coalesced syncs to IndexedDB. */
export class Storage {
  /** `changedFiles` names the store files changed since it was last called. */
  constructor(
    module: EngineModule,
    options: { name: string; kind: StorageKind; changedFiles: () => { write: string[]; remove: string[] } },
  )
  readonly name: string
  readonly kind: StorageKind
  /** Syncs started so far (commits share them; a commit with nothing changed starts none). */
  readonly syncCount: number
  /** Mount (and for 'indexeddb' populate from IndexedDB); resolves to the directory path. */
  open(): Promise<string>
  /** Resolves once a sync that started after this call has finished; StorageUnavailableError if it failed. */
  commit(): Promise<void>
  /** Wait for the syncs under way or scheduled, then release the IndexedDB connection. */
  close(): Promise<void>
}
