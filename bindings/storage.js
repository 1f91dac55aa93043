// Store mount and sync glue, appended to the Emscripten module with --post-js so that it
// sees FS and IDBFS in the module's scope. One store per module: the directory the engine
// opens, at /crux/<name>. With IDBFS the IndexedDB database is named after the mount point.

var cruxStoreDir = null;
// Settles the sync under way (Storage never runs two at once).
var cruxSettleSync = null;

/** Mount the store directory: IDBFS for 'indexeddb', plain MEMFS for 'memory'. Returns its path. */
Module['mountStore'] = function (name, kind) {
  if (cruxStoreDir !== null) throw new Error('a store is already mounted at ' + cruxStoreDir);
  if (kind !== 'indexeddb' && kind !== 'memory') throw new Error('unknown store kind: ' + kind);
  var dir = '/crux/' + name;
  FS.mkdirTree(dir);
  if (kind === 'indexeddb') {
    cruxGuardIndexedDB(dir);
    FS.mount(IDBFS, {}, dir);
  }
  cruxStoreDir = dir;
  return dir;
};

/** Fill the mount from IndexedDB (IDBFS's own load), before the engine opens it. */
Module['loadStore'] = function () {
  return new Promise(function (resolve, reject) {
    var settled = false;
    // failedInIndexedDB: reported by cruxGuard, so IDBFS's own callback will not run and
    // FS's count of syncs in flight is ours to fix.
    function settle(err, failedInIndexedDB) {
      if (settled) return;
      settled = true;
      if (cruxSettleSync === settle) cruxSettleSync = null;
      if (failedInIndexedDB && FS.syncFSRequests > 0) FS.syncFSRequests--;
      if (err) reject(cruxToError(err));
      else resolve();
    }
    cruxSettleSync = settle;
    try {
      FS.syncfs(true, settle);
    } catch (e) {
      settle(e);
    }
  });
};

/**
 * Write exactly these store files to IndexedDB, in one transaction, as IDBFS's own entries
 * (`{ timestamp, mode, contents }` keyed by path) so that loadStore reads them back. The
 * engine knows which files a commit changed; IDBFS's syncfs(false) would instead visit every
 * file of the mount and every key of the database at each commit.
 */
Module['persistFiles'] = function (write, remove) {
  return new Promise(function (resolve, reject) {
    var settled = false;
    function settle(err) {
      if (settled) return;
      settled = true;
      if (err) reject(cruxToError(err));
      else resolve();
    }
    IDBFS.getDB(cruxStoreDir, function (err, db) {
      if (err) return settle(err);
      try {
        cruxSettleSync = settle; // cruxGuard hands this transaction's failures to settle
        var tx = db.transaction([IDBFS.DB_STORE_NAME], 'readwrite');
        cruxSettleSync = null;
        var files = tx.objectStore(IDBFS.DB_STORE_NAME);
        for (var i = 0; i < write.length; i++) {
          var path = cruxStoreDir + '/' + write[i];
          var stat = FS.analyzePath(path).exists ? FS.stat(path) : null;
          if (stat) files.put({ 'timestamp': stat.mtime, 'mode': stat.mode, 'contents': FS.readFile(path) }, path);
          else files.delete(path);
        }
        for (var j = 0; j < remove.length; j++) files.delete(cruxStoreDir + '/' + remove[j]);
        tx.addEventListener('complete', function () { settle(null); });
      } catch (e) {
        cruxSettleSync = null;
        settle(e);
      }
    });
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

// Emscripten 3.1.6's IDBFS error handlers are arrow functions calling `callback(this.error)`
// with `this` undefined: a failed request throws a TypeError there and the sync never calls
// back. An aborted transaction (quota exceeded) is not handled at all. So every request and
// transaction on our database gets listeners, registered before IDBFS's own handlers (and in
// the capture phase for transactions), that stop those handlers and fail the sync that made
// the request or transaction with the real error. The connection also gives way when another
// one deletes or upgrades the database.
function cruxGuardIndexedDB(dir) {
  var indexedDBOf = IDBFS.indexedDB;
  IDBFS.indexedDB = function () {
    var factory = indexedDBOf();
    return {
      open: function (name, version) {
        var request = factory.open(name, version);
        if (name === dir) {
          cruxGuard(request, false);
          request.addEventListener('success', function () { cruxGuardConnection(dir, request.result); });
        }
        return request;
      },
    };
  };
}

function cruxGuardConnection(dir, db) {
  db.addEventListener('versionchange', function () {
    if (IDBFS.dbs[dir] === db) delete IDBFS.dbs[dir];
    db.close();
  });
  var transaction = db.transaction;
  db.transaction = function () {
    var tx = transaction.apply(db, arguments);
    cruxGuard(tx, true);
    return tx;
  };
}

function cruxGuard(target, capture) {
  var settle = cruxSettleSync;
  function fail(event) {
    event.stopImmediatePropagation();
    var source = event.target;
    var error = (source && source.error) || (source && source.transaction && source.transaction.error);
    if (settle) settle(error || new Error('IndexedDB ' + event.type), true);
  }
  target.addEventListener('error', fail, capture);
  target.addEventListener('abort', fail, capture);
}
