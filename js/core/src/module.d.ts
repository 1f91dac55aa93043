/** The Emscripten module instance, typed once, here. Embind adds the engine's classes and functions. */
export interface EngineModule {
  /** Emscripten's file system (MEMFS, with the store mounted at /crux/<name>). */
  readonly FS: EmscriptenFS
  /** Mount the store directory ('indexeddb': IDBFS, database "/crux/<name>"); returns its path. */
  mountStore(name: string, kind: 'indexeddb' | 'memory'): string
  /** The mount's IndexedDB database, opened (and created) by IDBFS, and its object store's name. */
  openStoreDatabase(): Promise<{ db: IDBDatabase; storeName: string }>
  /** Close and forget the mount's IndexedDB connection. */
  closeStore(): void
  /** The engine's limits as JSON text (src/core/limits.hpp); see limits.js. */
  limits(): string
  [binding: string]: unknown
}

/** The parts of Emscripten's FS that Crux code and tests use. */
export interface EmscriptenFS {
  readFile(path: string, options: { encoding: 'utf8' }): string
  readFile(path: string, options?: { encoding?: 'binary' }): Uint8Array
  writeFile(path: string, data: string | ArrayBufferView): void
  readdir(path: string): string[]
  mkdirTree(path: string): void
  unlink(path: string): void
  stat(path: string): { size: number; mode: number; mtime: Date }
  analyzePath(path: string): { exists: boolean }
}

/** A new engine module instance; the .wasm is compiled once and shared by all instances. */
export function loadEngineModule(): Promise<EngineModule>
