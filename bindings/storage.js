// Store mount and database glue, appended to the Emscripten module with --post-js so that it
// sees FS and IDBFS in the module's scope. One store per module: the directory the engine
// opens, at /crux/<name>. With IDBFS the IndexedDB database is named after the mount point and
// holds IDBFS's own entries (`{ timestamp, mode, contents }` keyed by path); @crux/core reads
// and writes those entries itself, in one transaction per commit (js/core/src/storage.js).

var cruxStoreDir = null;

/** Mount the store directory: IDBFS for 'indexeddb', plain MEMFS for 'memory'. Returns its path. */
Module['mountStore'] = function (name, kind) {
  if (cruxStoreDir !== null) throw new Error('a store is already mounted at ' + cruxStoreDir);
  if (kind !== 'indexeddb' && kind !== 'memory') throw new Error('unknown store kind: ' + kind);
  var dir = '/crux/' + name;
  FS.mkdirTree(dir);
  if (kind === 'indexeddb') FS.mount(IDBFS, {}, dir);
  cruxStoreDir = dir;
  return dir;
};

/**
 * The mount's IndexedDB database, opened (and created, with its object store and timestamp
 * index) by IDBFS: `{ db, storeName }`. Emscripten 3.1.6's IDBFS reports a failed open with
 * `callback(this.error)` in an arrow function, which throws instead; so the request gets a
 * listener of ours first that stops IDBFS's and reports the real error.
 */
Module['openStoreDatabase'] = function () {
  return new Promise(function (resolve, reject) {
    var indexedDBOf = IDBFS.indexedDB;
    IDBFS.indexedDB = function () {
      var factory = indexedDBOf();
      return {
        open: function (name, version) {
          var request = factory.open(name, version);
          function fail(event) {
            event.stopImmediatePropagation();
            event.preventDefault();
            reject(cruxToError(request.error || new Error('IndexedDB open ' + event.type)));
          }
          request.addEventListener('error', fail);
          return request;
        },
      };
    };
    try {
      IDBFS.getDB(cruxStoreDir, function (err, db) {
        if (err) return reject(cruxToError(err));
        // Give way when another connection deletes or upgrades the database, and forget a
        // connection the browser closed (site data cleared, storage failure): the next open
        // makes a new one.
        function forget() {
          if (IDBFS.dbs[cruxStoreDir] === db) delete IDBFS.dbs[cruxStoreDir];
        }
        db.addEventListener('versionchange', function () {
          forget();
          db.close();
        });
        db.addEventListener('close', forget);
        resolve({ 'db': db, 'storeName': IDBFS.DB_STORE_NAME });
      });
    } catch (e) {
      reject(cruxToError(e));
    } finally {
      IDBFS.indexedDB = indexedDBOf;
    }
  });
};

/** Close and forget the mount's IndexedDB connection (it really closes once its transactions complete). */
Module['closeStore'] = function () {
  var db = cruxStoreDir === null ? undefined : IDBFS.dbs[cruxStoreDir];
  if (!db) return;
  delete IDBFS.dbs[cruxStoreDir];
  db.close();
};

function cruxToError(err) {
  if (err instanceof Error) return err;
  if (err && typeof err === 'object' && typeof err.message === 'string') {
    var e = new Error(err.message);
    e.name = err.name || 'Error';
    return e;
  }
  return new Error(String(err));
}
