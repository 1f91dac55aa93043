/** One stored entry: a name the engine gave it and its bytes (record frames the engine reads). */
export interface Entry {
  name: string
  contents: Uint8Array
}

/** What one batch asks storage to do, in one transaction: removals first, then puts. */
export interface Writes {
  put: Entry[]
  remove: string[]
  /** Every entry whose name starts with one of these. */
  removePrefixes: string[]
}

/**
 * Where a store's entries live. The engine decides every name and every byte; a backend only
 * keeps them, reads them back by name prefix, and writes each batch atomically. A server-side
 * backend (database rows keyed by store and entry name) implements the same five methods.
 */
export interface StorageBackend {
  readonly kind: string
  readonly name: string
  /** Other writers (tabs) may change the store: read what they wrote before trusting memory. */
  readonly shared: boolean
  /** The newest stamp read or written. */
  stamp: number
  /** The store went away (site data cleared): read the index again before trusting memory. */
  lost?: boolean
  open(): Promise<void>
  /** Run summaries, plans and version-1 files: what an engine opens with. Sets `stamp`. */
  readIndex(): Promise<Entry[]>
  /** One run's journal: the entries named with `prefix` (from `from` on, in name order, when given), and `folded`. */
  readRun(names: { prefix: string; folded: string; from?: string }): Promise<Entry[]>
  /** Entries written (by anyone) since `stamp`; moves `stamp` on. */
  readSince(): Promise<Entry[]>
  /** Writes the batch atomically; resolves with its stamp once durable. */
  write(writes: Writes): Promise<number>
  close(): void
}
