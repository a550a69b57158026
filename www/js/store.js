// Persistence in IndexedDB: each document's base (as analysed or imported) is written once,
// each edit appends one small command record, and a document's workspace record holds its
// history cursor. Every failure rejects, so the caller can show it; nothing is swallowed.
//
// Stores: docs {id, title, status, counts, cursor, created, deleted}, bodies {id, doc},
//         ops {doc, seq, cmd} keyed [doc, seq], session {key, ...}.

const DB_NAME = 'clipmark';
const DB_VERSION = 1;

/**
 * Wraps an IDBRequest in a promise.
 * @param {IDBRequest} req
 * @returns {Promise<any>}
 */
function done(req) {
  return new Promise((ok, fail) => {
    req.onsuccess = () => ok(req.result);
    req.onerror = () => fail(req.error);
  });
}

/**
 * Resolves when a transaction commits; rejects with its error when it aborts.
 * @param {IDBTransaction} tx
 * @returns {Promise<void>}
 */
function committed(tx) {
  return new Promise((ok, fail) => {
    tx.oncomplete = () => ok();
    tx.onabort = () => fail(tx.error ?? new Error('the transaction was aborted'));
    tx.onerror = (e) => e.preventDefault();
  });
}

/**
 * Runs `fill` in a read-write transaction over `stores`; a synchronous throw aborts it, so a
 * write is whole or absent.
 * @param {IDBDatabase} db
 * @param {string[]} stores
 * @param {(tx: IDBTransaction) => void} fill
 * @returns {Promise<void>}
 */
function write(db, stores, fill) {
  const tx = db.transaction(stores, 'readwrite');
  const end = committed(tx);
  try {
    fill(tx);
  } catch (e) {
    try { tx.abort(); } catch { /* already finished */ }
    end.catch(() => {});
    return Promise.reject(e);
  }
  return end;
}

/**
 * Describes a storage error for the user.
 * @param {unknown} e
 * @returns {string}
 */
export function describeStorageError(e) {
  const name = e?.name ?? '';
  if (name === 'QuotaExceededError') return 'the browser\'s storage is full (quota exceeded)';
  if (name === 'SecurityError' || name === 'InvalidStateError') return 'storage is not allowed here (private mode or blocked by settings)';
  return e?.message || String(e);
}

/** The workspace's IndexedDB database. */
export class Store {
  /** @param {IDBDatabase} db */
  constructor(db) {
    this.db = db;
  }

  /**
   * Opens (and creates or upgrades) the database.
   * @returns {Promise<Store>}
   */
  static async open() {
    if (typeof indexedDB === 'undefined' || !indexedDB) throw new Error('IndexedDB is not available in this browser');
    const req = indexedDB.open(DB_NAME, DB_VERSION);
    req.onupgradeneeded = () => {
      const db = req.result;
      db.createObjectStore('docs', { keyPath: 'id' });
      db.createObjectStore('bodies', { keyPath: 'id' });
      db.createObjectStore('ops', { keyPath: ['doc', 'seq'] });
      db.createObjectStore('session', { keyPath: 'key' });
    };
    const blocked = new Promise((_, fail) => { req.onblocked = () => fail(new Error('the database is blocked by another tab')); });
    const db = await Promise.race([done(req), blocked]);
    return new Store(db);
  }

  /**
   * Every workspace record and the saved session.
   * @returns {Promise<{metas: object[], session: object|undefined}>}
   */
  async loadAll() {
    const tx = this.db.transaction(['docs', 'session'], 'readonly');
    const [metas, session] = await Promise.all([
      done(tx.objectStore('docs').getAll()),
      done(tx.objectStore('session').get('session')),
    ]);
    return { metas, session };
  }

  /**
   * A document's base and its whole command log (undone commands included), in order.
   * @param {string} id
   * @returns {Promise<{base: object, cmds: object[]}>}
   */
  async loadDoc(id) {
    const tx = this.db.transaction(['bodies', 'ops'], 'readonly');
    const range = IDBKeyRange.bound([id, 0], [id, Infinity]);
    const [body, ops] = await Promise.all([
      done(tx.objectStore('bodies').get(id)),
      done(tx.objectStore('ops').getAll(range)),
    ]);
    if (!body) throw new Error(`document ${id} is missing from storage`);
    return { base: body.doc, cmds: ops.map((o) => o.cmd) };
  }

  /**
   * Adds documents in one transaction: all are stored, or none.
   * @param {{meta: object, base: object}[]} items
   * @returns {Promise<void>}
   */
  async addDocs(items) {
    return write(this.db, ['docs', 'bodies'], (tx) => {
      for (const { meta, base } of items) {
        tx.objectStore('docs').put(meta);
        tx.objectStore('bodies').put({ id: meta.id, doc: base });
      }
    });
  }

  /**
   * Records a new command at `seq`, dropping any undone commands after it, and the record.
   * @param {object} meta the document's workspace record (cursor already advanced)
   * @param {number} seq
   * @param {object} cmd
   * @returns {Promise<void>}
   */
  async pushCommand(meta, seq, cmd) {
    return write(this.db, ['docs', 'ops'], (tx) => {
      const ops = tx.objectStore('ops');
      ops.delete(IDBKeyRange.bound([meta.id, seq], [meta.id, Infinity]));
      ops.put({ doc: meta.id, seq, cmd });
      tx.objectStore('docs').put(meta);
    });
  }

  /**
   * Saves a workspace record (cursor moves on undo/redo, deletion flags).
   * @param {object} meta
   * @returns {Promise<void>}
   */
  async putMeta(meta) {
    return write(this.db, ['docs'], (tx) => {
      tx.objectStore('docs').put(meta);
    });
  }

  /**
   * Removes a document and its history for good.
   * @param {string} id
   * @returns {Promise<void>}
   */
  async purge(id) {
    return write(this.db, ['docs', 'bodies', 'ops'], (tx) => {
      tx.objectStore('docs').delete(id);
      tx.objectStore('bodies').delete(id);
      tx.objectStore('ops').delete(IDBKeyRange.bound([id, 0], [id, Infinity]));
    });
  }

  /**
   * Saves the session: the open document, its selected block, the deletions that can be undone.
   * @param {object} session
   * @returns {Promise<void>}
   */
  async putSession(session) {
    return write(this.db, ['session'], (tx) => {
      tx.objectStore('session').put({ ...session, key: 'session' });
    });
  }
}
