// One spec for every storage backend (js/core/src/storage/backend.d.ts): each keeps what the
// engine names, reads it back by prefix, writes a batch atomically, and (when shared) tells a
// second opener of the same store what the first wrote since it last looked. A new backend (a
// server's database rows, say) joins by adding one line to BACKENDS.
import 'fake-indexeddb/auto'
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'

import { IndexedDbBackend } from '../../js/core/src/storage/indexeddb-backend.js'
import { MemoryBackend } from '../../js/core/src/storage/memory-backend.js'
import { StorageUnavailableError } from '../../js/core/src/errors.js'
import { refuseWrites, uniqueName } from './support.mjs'

// Emscripten's own file system with IDBFS (CMakeLists.txt: idbfs_probe; `npm run build` makes it).
const { default: createIdbfsProbe } = await import('../../build/wasm/idbfs_probe.cjs')

const BACKENDS = {
  memory: async (name) => new MemoryBackend(name),
  indexeddb: async (name) => new IndexedDbBackend(name),
}

const bytes = (text) => new TextEncoder().encode(text)
const text = (entries) => Object.fromEntries(entries.map(({ name, contents }) => [name, new TextDecoder().decode(contents)]))
const batch = (put = {}, remove = [], removePrefixes = []) => ({
  put: Object.entries(put).map(([name, value]) => ({ name, contents: bytes(value) })),
  remove,
  removePrefixes,
})

for (const [kind, make] of Object.entries(BACKENDS)) {
  describe(`storage backend: ${kind}`, () => {
    const open = async (name = uniqueName(kind)) => {
      const backend = await make(name)
      await backend.open()
      return backend
    }

    test('the index holds summaries, plans and version-1 files, and nothing else', async () => {
      const backend = await open()
      assert.deepEqual(await backend.readIndex(), [])
      await backend.write(batch({ 'r.a': 'summary', 'p.x': 'plan', 'j.a.0000000001': 'event', 'c.b': 'folded', 'seg-000000000001.log': 'v1', other: 'left alone' }))
      assert.deepEqual(text(await backend.readIndex()), { 'p.x': 'plan', 'r.a': 'summary', 'seg-000000000001.log': 'v1' })
      backend.close()
    })

    test("a run's journal is read by its prefix and folded name, and no other run's", async () => {
      const backend = await open()
      await backend.write(batch({ 'j.a.0000000001': '1', 'j.a.0000000002': '2', 'j.ab.0000000001': 'other run', 'c.a': 'folded', 'c.ab': 'other' }))
      assert.deepEqual(text(await backend.readRun({ prefix: 'j.a.', folded: 'c.a' })), { 'c.a': 'folded', 'j.a.0000000001': '1', 'j.a.0000000002': '2' })
      assert.deepEqual(await backend.readRun({ prefix: 'j.none.', folded: 'c.none' }), [])
      backend.close()
    })

    test("a run's tail is read from a name on, and still its folded entry", async () => {
      const backend = await open()
      await backend.write(batch({ 'j.a.0000000001': '1', 'j.a.0000000002': '2', 'j.a.0000000010': '10', 'j.ab.0000000001': 'other run', 'c.a': 'folded' }))
      assert.deepEqual(text(await backend.readRun({ prefix: 'j.a.', folded: 'c.a', from: 'j.a.0000000002' })), { 'c.a': 'folded', 'j.a.0000000002': '2', 'j.a.0000000010': '10' })
      assert.deepEqual(text(await backend.readRun({ prefix: 'j.a.', folded: 'c.none', from: 'j.a.0000000011' })), {})
      backend.close()
    })

    test('a batch removes by name and by prefix before it puts', async () => {
      const backend = await open()
      await backend.write(batch({ 'j.a.0000000001': '1', 'j.a.0000000002': '2', 'j.b.0000000001': 'b', 'p.x': 'plan' }))
      await backend.write(batch({ 'c.a': 'folded', 'p.x': 'again' }, ['p.x'], ['j.a.']))
      assert.deepEqual(text(await backend.readRun({ prefix: 'j.a.', folded: 'c.a' })), { 'c.a': 'folded' })
      assert.deepEqual(text(await backend.readRun({ prefix: 'j.b.', folded: 'c.b' })), { 'j.b.0000000001': 'b' })
      assert.deepEqual(text(await backend.readIndex()), { 'p.x': 'again' })
      backend.close()
    })

    test('each write gets a larger stamp', async () => {
      const backend = await open()
      await backend.readIndex()
      const first = await backend.write(batch({ 'p.a': '1' }))
      const second = await backend.write(batch({ 'p.a': '2' }))
      assert.ok(second > first)
      assert.equal(backend.stamp, second)
      backend.close()
    })

    test('a write after close is refused', async () => {
      const backend = await open()
      backend.close()
      await assert.rejects(backend.write(batch({ 'p.a': '1' })), StorageUnavailableError)
    })

    if (kind === 'indexeddb') {
      test('a second opener of the store reads what the first wrote since it last looked, and only that', async () => {
        const name = uniqueName(kind)
        const first = await open(name)
        const second = await open(name)
        await first.readIndex()
        await second.readIndex()
        await first.write(batch({ 'p.a': 'one', 'r.r1': 'run' }))
        assert.deepEqual(text(await second.readSince()), { 'p.a': 'one', 'r.r1': 'run' })
        assert.deepEqual(await second.readSince(), [])
        await first.write(batch({ 'p.a': 'two' }))
        assert.deepEqual(text(await second.readSince()), { 'p.a': 'two' })
        assert.deepEqual(text(await open(name).then((third) => third.readIndex())), { 'p.a': 'two', 'r.r1': 'run' })
        first.close()
        second.close()
      })

      test('a refused write (the transaction aborts, as a full quota does) is STORAGE_UNAVAILABLE and writes nothing', async (t) => {
        const backend = await open()
        await backend.write(batch({ 'p.a': 'kept' }))
        const restore = refuseWrites()
        t.after(restore)
        await assert.rejects(backend.write(batch({ 'p.a': 'lost', 'p.b': 'lost' }, [], [])), StorageUnavailableError)
        restore()
        assert.deepEqual(text(await backend.readIndex()), { 'p.a': 'kept' })
        await backend.write(batch({ 'p.b': 'now' }))
        assert.deepEqual(text(await backend.readIndex()), { 'p.a': 'kept', 'p.b': 'now' })
        backend.close()
      })

      test('entries are stored as IDBFS stores files: { timestamp, mode, contents } keyed by path', async () => {
        const name = uniqueName(kind)
        const backend = await open(name)
        await backend.write(batch({ 'p.a': 'plan' }))
        backend.close()
        const db = await new Promise((resolve, reject) => {
          const request = indexedDB.open(`/crux/${name}`)
          request.onsuccess = () => resolve(request.result)
          request.onerror = () => reject(request.error)
        })
        const value = await new Promise((resolve) => {
          db.transaction('FILE_DATA').objectStore('FILE_DATA').get(`/crux/${name}/p.a`).onsuccess = (e) => resolve(e.target.result)
        })
        db.close()
        assert.ok(value.timestamp instanceof Date)
        assert.equal(value.mode & 0o170000, 0o100000) // a regular file
        assert.equal(new TextDecoder().decode(value.contents), 'plan')
      })

      test("Emscripten's IDBFS mounts the store: its entries are the directory's files", async () => {
        const name = uniqueName(kind)
        const backend = await open(name)
        await backend.write(batch({ 'p.a': 'plan', 'j.b.0000000001': 'event' }))
        backend.close()
        const { FS } = await createIdbfsProbe()
        const dir = `/crux/${name}`
        FS.mkdirTree(dir)
        FS.mount(FS.filesystems.IDBFS, {}, dir)
        await new Promise((resolve, reject) => FS.syncfs(true, (error) => (error ? reject(error) : resolve())))
        assert.deepEqual(FS.readdir(dir).filter((file) => !file.startsWith('.')).sort(), ['j.b.0000000001', 'p.a'])
        assert.equal(FS.readFile(`${dir}/p.a`, { encoding: 'utf8' }), 'plan')
        // ...and what IDBFS writes there, the backend reads.
        FS.writeFile(`${dir}/p.c`, 'from IDBFS')
        await new Promise((resolve, reject) => FS.syncfs(false, (error) => (error ? reject(error) : resolve())))
        const again = await open(name)
        assert.deepEqual(text(await again.readIndex()), { 'p.a': 'plan', 'p.c': 'from IDBFS' })
        again.close()
      })
    }
  })
}
