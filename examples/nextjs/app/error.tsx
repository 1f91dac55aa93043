'use client'
// The error boundary of every page: the hooks throw here when the instance failed to load
// (a CruxError: ENGINE_UNAVAILABLE for a crux.wasm that did not load, STORAGE_* for the store).
export default function Failed({ error }: { error: Error & { code?: string } }) {
  return (
    <p id="failed">
      Crux could not load ({error.code ?? error.name}): {error.message}
    </p>
  )
}
