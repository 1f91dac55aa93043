import type { EngineModule } from './module.d.ts'

export type StorageKind = 'indexeddb' | 'memory'

/**
 * The store directory of one engine module. For 'indexeddb' each transaction reads in the files
 * other tabs changed, runs the work, and writes the files it changed, in one IndexedDB transaction.
 */
export class Storage {
  /** `changedFiles` names the store files changed since it was last called. */
  constructor(
    module: EngineModule,
    options: { name: string; kind: StorageKind; changedFiles: () => { write: string[]; remove: string[] } },
  )
  readonly name: string
  readonly kind: StorageKind
  /** True for 'indexeddb': other tabs share the store. */
  readonly shared: boolean
  /** The stamp of the newest change this tab holds. */
  readonly stamp: number
  /** Transactions that wrote to IndexedDB so far. */
  readonly writeCount: number
  /** Mount (and for 'indexeddb' open the database); resolves to the directory path. */
  open(): Promise<string>
  /**
   * Reads in other tabs' changes, runs `work` (told whether any file came in or went), and when `writing` writes what it changed. On a
   * failed transaction the files are read back and `undo` runs; rejects with StorageUnavailableError.
   */
  transact<T>(writing: boolean, work: (copied: boolean) => T, undo: () => void): Promise<{ value: T; stamp?: number }>
  /** Release the IndexedDB connection. */
  close(): void
}
