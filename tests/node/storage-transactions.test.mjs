// Storage (js/core/src/storage.js) against fake-indexeddb: each transaction reads in what other
// modules of the same name wrote, runs its work, and writes exactly the files the work changed.
// Several modules of one name in one process share a database as the tabs of an origin do.
import 'fake-indexeddb/auto'
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'

import { loadEngineModule } from '../../js/core/src/module.js'
import { Storage } from '../../js/core/src/storage.js'
import { Commits } from '../../js/core/src/commits.js'
import { StorageUnavailableError } from '../../js/core/src/errors.js'
import { refuseWrites, uniqueName } from './support.mjs'


/** A Storage over a fresh module; files written or removed through it count as changed. */
async function openStorage(name, kind = 'indexeddb') {
  const module = await loadEngineModule()
  const changed = { write: new Set(), remove: new Set() }
  const changedFiles = () => {
    const files = { write: [...changed.write], remove: [...changed.remove] }
    changed.write.clear()
    changed.remove.clear()
    return files
  }
  const storage = new Storage(module, { name, kind, changedFiles })
  const dir = await storage.open()
  const write = (file, data) => {
    module.FS.writeFile(`${dir}/${file}`, data)
    changed.write.add(file)
  }
  const remove = (file) => {
    module.FS.unlink(`${dir}/${file}`)
    changed.remove.add(file)
  }
  const files = () =>
    Object.fromEntries(
      module.FS.readdir(dir)
        .filter((f) => f !== '.' && f !== '..')
        .map((f) => [f, module.FS.readFile(`${dir}/${f}`, { encoding: 'utf8' })]),
    )
  const read = () => storage.transact(false, files, () => {})
  return { module, storage, dir, write, remove, files, read }
}

describe('Storage', () => {
  test('what one module writes, the next module with the same name reads in', async () => {
    const name = uniqueName('reload')
    const first = await openStorage(name)
    assert.equal(first.dir, `/crux/${name}`)
    const { stamp } = await first.storage.transact(true, () => first.write('seg-1', 'record one'), () => {})
    assert.equal(typeof stamp, 'number')
    assert.equal(first.storage.writeCount, 1)
    first.storage.close()

    const databases = await indexedDB.databases()
    assert.ok(databases.some((db) => db.name === `/crux/${name}`), 'the IndexedDB database is named after the mount')
    const second = await openStorage(name)
    assert.deepEqual((await second.read()).value, { 'seg-1': 'record one' })
    assert.equal(second.storage.stamp, stamp)
    second.storage.close()
  })

  test('two open modules: each transaction first reads in what the other wrote and removed', async () => {
    const name = uniqueName('tabs')
    const a = await openStorage(name)
    const b = await openStorage(name)
    await a.storage.transact(true, () => a.write('one', 'from a'), () => {})
    const seen = await b.storage.transact(true, () => {
      const before = b.files()
      b.write('two', 'from b')
      return before
    }, () => {})
    assert.deepEqual(seen.value, { one: 'from a' }, 'b saw a\'s file before its own work ran')

    const removal = await a.storage.transact(true, () => {
      a.remove('one')
      a.write('three', 'from a')
    }, () => {})
    assert.deepEqual((await b.read()).value, { two: 'from b', three: 'from a' })
    assert.deepEqual((await a.read()).value, { two: 'from b', three: 'from a' })
    assert.ok(removal.stamp > seen.stamp, 'stamps only grow')
    assert.equal(b.storage.stamp, removal.stamp)
    a.storage.close()
    b.storage.close()
  })

  test('a transaction writes nothing when the work changed nothing', async () => {
    const { storage } = await openStorage(uniqueName('nothing'))
    const { stamp } = await storage.transact(true, () => 42, () => {})
    assert.equal(stamp, undefined)
    assert.equal(storage.writeCount, 0)
    storage.close()
  })

  test('a failed write (the transaction aborts, as a full quota does) records nothing and puts the files back', async () => {
    const name = uniqueName('failure')
    const { storage, write, files } = await openStorage(name)
    await storage.transact(true, () => write('kept', 'v1'), () => {})
    const allowWrites = refuseWrites()
    let undone
    try {
      await assert.rejects(
        storage.transact(true, () => {
          write('kept', 'v2')
          write('new', 'x')
        }, () => (undone = files())),
        (error) => {
          assert.ok(error instanceof StorageUnavailableError)
          assert.ok(error.cause, 'the IndexedDB error is kept as the cause')
          return true
        },
      )
    } finally {
      allowWrites()
    }
    assert.deepEqual(undone, { kept: 'v1' }, 'undo ran with the files as IndexedDB has them')
    await storage.transact(true, () => write('after', 'y'), () => {})
    storage.close()

    const reopened = await openStorage(name)
    assert.deepEqual((await reopened.read()).value, { kept: 'v1', after: 'y' })
    reopened.storage.close()
  })

  test('an error thrown by the work is passed on and writes nothing', async () => {
    const name = uniqueName('throws')
    const { storage, write } = await openStorage(name)
    await assert.rejects(
      storage.transact(true, () => {
        write('half', 'x')
        throw new RangeError('bad')
      }, () => {}),
      RangeError,
    )
    storage.close()
    const reopened = await openStorage(name)
    assert.deepEqual((await reopened.read()).value, {})
    reopened.storage.close()
  })

  test('a transaction after close is refused', async () => {
    const { storage } = await openStorage(uniqueName('close'))
    storage.close()
    await assert.rejects(storage.transact(false, () => {}, () => {}), { code: 'STORAGE_UNAVAILABLE' })
  })

  test('without IndexedDB, opening fails with STORAGE_UNAVAILABLE instead of aborting the module', async () => {
    const module = await loadEngineModule()
    const { indexedDB } = globalThis
    delete globalThis.indexedDB
    try {
      const storage = new Storage(module, { name: uniqueName('none'), kind: 'indexeddb' })
      await assert.rejects(storage.open(), { code: 'STORAGE_UNAVAILABLE' })
    } finally {
      globalThis.indexedDB = indexedDB
    }
    module.FS.writeFile('/still-alive', 'yes')
    assert.equal(module.FS.readFile('/still-alive', { encoding: 'utf8' }), 'yes')
  })

  test('memory storage runs the work and writes nothing', async () => {
    const { storage, write } = await openStorage(uniqueName('memory'), 'memory')
    const { value, stamp } = await storage.transact(true, () => (write('f', 'x'), 'done'), () => {})
    assert.equal(value, 'done')
    assert.equal(stamp, undefined)
    assert.equal(storage.writeCount, 0)
    storage.close()
  })

  test('a failed first write into an empty database leaves no file behind', async () => {
    const { storage, write, files } = await openStorage(uniqueName('first-failure'))
    const allowWrites = refuseWrites()
    let undone
    try {
      await assert.rejects(storage.transact(true, () => write('seg-1', 'x'), () => (undone = files())), StorageUnavailableError)
    } finally {
      allowWrites()
    }
    assert.deepEqual(undone, {})
    storage.close()
  })
})

describe('Commits (group commit)', () => {
  test('the first write starts a transaction; all that arrive meanwhile share the next; none overlap', async () => {
    const batches = []
    let active = 0
    let mostActive = 0
    const commits = new Commits(async (writes) => {
      mostActive = Math.max(mostActive, ++active)
      batches.push(writes.length)
      await new Promise((resolve) => setTimeout(resolve, 5))
      for (const write of writes) write.resolve(write.apply())
      active--
    })
    const first = Array.from({ length: 3 }, (_, i) => commits.write(() => i))
    await Promise.resolve()
    const second = Array.from({ length: 50 }, (_, i) => commits.write(() => 100 + i))
    const catchUp = commits.catchUp()
    assert.deepEqual(await Promise.all(first), [0, 1, 2])
    assert.deepEqual(await Promise.all(second), Array.from({ length: 50 }, (_, i) => 100 + i))
    await catchUp
    assert.deepEqual(batches, [1, 52])
    assert.equal(mostActive, 1)
  })

  test('a failed transaction rejects each of its writes; the next one runs', async () => {
    let fail = true
    const commits = new Commits(async (writes) => {
      if (fail) throw new StorageUnavailableError('full')
      for (const write of writes) write.resolve(write.apply())
    })
    await assert.rejects(Promise.all([commits.write(() => 1), commits.write(() => 2)]), { code: 'STORAGE_UNAVAILABLE' })
    fail = false
    assert.equal(await commits.write(() => 3), 3)
  })
})
