// The workspace: many documents, the open one with its undo history, and their persistence.
// Every edit is applied in memory and written to IndexedDB at once (one small record); a
// failed write is reported through `onError` and never hides the edit already made.
import { Store, describeStorageError } from './store.js';
import { applyCommand, cloneDoc, counts, titleOf } from './model.js';

/** How many deleted documents can still be restored. */
const TRASH_LIMIT = 20;

/** Documents, history and persistence. */
export class Workspace {
  /**
   * @param {{onError: (message: string|null) => void, onSaving?: (pending: number) => void}} hooks
   */
  constructor({ onError, onSaving = () => {} }) {
    this.onSaving = onSaving;
    this.pending = 0;
    /** @type {Store|null} */
    this.store = null;
    this.onError = onError;
    /** @type {Map<string, object>} workspace records by id, in insertion order */
    this.metas = new Map();
    /** @type {Map<string, {base: object, cmds: object[]}>} loaded documents */
    this.cache = new Map();
    /** @type {{id: string, doc: object, meta: object, cmds: object[]}|null} */
    this.open = null;
    this.session = { current: null, trash: [] };
    this.saveFailed = false;
  }

  /**
   * Opens storage and restores the saved workspace. Storage that cannot be opened is reported
   * and the workspace carries on in memory.
   * @returns {Promise<void>}
   */
  async init() {
    try {
      this.store = await Store.open();
    } catch (e) {
      this.store = null;
      this.onError(`Storage is unavailable (${describeStorageError(e)}): your work will NOT be saved when this page closes. Export it before leaving.`);
      return;
    }
    try {
      const { metas, session } = await this.store.loadAll();
      metas.sort((a, b) => a.created - b.created || (a.id < b.id ? -1 : 1));
      for (const m of metas) this.metas.set(m.id, m);
      if (session) this.session = { current: session.current ?? null, trash: session.trash ?? [] };
      this.session.trash = this.session.trash.filter((id) => this.metas.get(id)?.deleted);
    } catch (e) {
      this.onError(`Saved work could not be read (${describeStorageError(e)}).`);
    }
  }

  /**
   * The visible documents, in order.
   * @returns {object[]}
   */
  list() {
    return [...this.metas.values()].filter((m) => !m.deleted);
  }

  /**
   * Runs a write and reports its failure.
   * @param {Promise<void>|undefined} p
   * @param {string} what
   * @returns {Promise<boolean>} whether it was saved
   */
  async persist(p, what) {
    if (!p) return false;
    this.onSaving(++this.pending);
    try {
      await p;
      if (this.saveFailed) {
        this.saveFailed = false;
        this.onError(null);
      }
      return true;
    } catch (e) {
      this.saveFailed = true;
      this.onError(`Could not save ${what}: ${describeStorageError(e)}. The change is on screen but not stored; export your work to keep it.`);
      return false;
    } finally {
      this.onSaving(--this.pending);
    }
  }

  /**
   * Adds documents, all or none: when storage refuses them, nothing changes and it throws.
   * @param {{doc: object, name?: string}[]} items documents with UTF-16 offsets
   * @returns {Promise<string[]>} the new ids
   */
  async add(items) {
    const now = Date.now();
    const prepared = items.map(({ doc, name }, i) => {
      const base = cloneDoc({ ...doc, offsets: 'utf16' });
      const meta = {
        id: crypto.randomUUID(), title: titleOf(base, name), status: base.status === 'done' ? 'done' : 'new',
        counts: counts(base), cursor: 0, block: -1, created: now + i / 1000, deleted: null,
      };
      delete base.status;
      return { meta, base };
    });
    if (this.store) {
      try {
        await this.store.addDocs(prepared);
      } catch (e) {
        throw new Error(`nothing was added: storage refused the documents (${describeStorageError(e)})`);
      }
    }
    for (const { meta, base } of prepared) {
      this.metas.set(meta.id, meta);
      this.cache.set(meta.id, { base, cmds: [] });
    }
    return prepared.map((p) => p.meta.id);
  }

  /**
   * Opens a document: its base with its history replayed up to the saved cursor.
   * @param {string} id
   * @returns {Promise<object>} the open document state
   */
  async openDoc(id) {
    const meta = this.metas.get(id);
    if (!meta || meta.deleted) throw new Error('no such document');
    let entry = this.cache.get(id);
    if (!entry) {
      if (!this.store) throw new Error('the document is not in memory and storage is unavailable');
      entry = await this.store.loadDoc(id);
      this.cache.set(id, entry);
    }
    const doc = cloneDoc(entry.base);
    const replay = { status: 'new' };
    meta.cursor = Math.min(meta.cursor, entry.cmds.length);
    for (let i = 0; i < meta.cursor; i++) applyCommand(doc, replay, entry.cmds[i]);
    this.open = { id, doc, meta, cmds: entry.cmds };
    if (this.session.current !== id) {
      this.session.current = id;
      this.persist(this.store?.putSession(this.session), 'the open document');
    }
    return this.open;
  }

  /** Closes the open document (nothing is open afterwards). */
  close() {
    this.open = null;
    this.session.current = null;
    this.persist(this.store?.putSession(this.session), 'the open document');
  }

  /**
   * Applies a new command to the open document, drops the undone ones, and saves it.
   * @param {{name: string, ops: object[]}} cmd
   * @returns {{blocks: Set<number>, all: boolean}} what to redraw
   */
  edit(cmd) {
    const { doc, meta, cmds } = this.open;
    const seq = meta.cursor;
    cmds.length = seq;
    cmds.push(cmd);
    const dirty = applyCommand(doc, meta, cmd);
    meta.cursor = seq + 1;
    meta.counts = counts(doc);
    this.persist(this.store?.pushCommand({ ...meta }, seq, cmd), 'your edit');
    return dirty;
  }

  /** @returns {boolean} whether there is something to undo */
  canUndo() { return !!this.open && this.open.meta.cursor > 0; }

  /** @returns {boolean} whether there is something to redo */
  canRedo() { return !!this.open && this.open.meta.cursor < this.open.cmds.length; }

  /**
   * Undoes the last command of the open document.
   * @returns {{cmd: object, dirty: {blocks: Set<number>, all: boolean}}|null}
   */
  undo() {
    if (!this.canUndo()) return null;
    const { doc, meta, cmds } = this.open;
    const cmd = cmds[meta.cursor - 1];
    const dirty = applyCommand(doc, meta, cmd, true);
    meta.cursor -= 1;
    meta.counts = counts(doc);
    this.persist(this.store?.putMeta({ ...meta }), 'the undo');
    return { cmd, dirty };
  }

  /**
   * Redoes the next undone command of the open document.
   * @returns {{cmd: object, dirty: {blocks: Set<number>, all: boolean}}|null}
   */
  redo() {
    if (!this.canRedo()) return null;
    const { doc, meta, cmds } = this.open;
    const cmd = cmds[meta.cursor];
    const dirty = applyCommand(doc, meta, cmd);
    meta.cursor += 1;
    meta.counts = counts(doc);
    this.persist(this.store?.putMeta({ ...meta }), 'the redo');
    return { cmd, dirty };
  }

  /**
   * Remembers the selected block of the open document.
   * @param {number} block
   */
  select(block) {
    if (!this.open || this.open.meta.block === block) return;
    this.open.meta.block = block;
    this.persist(this.store?.putMeta({ ...this.open.meta }), 'the selection');
  }

  /**
   * Deletes a document so that it can be restored by `undoDelete`.
   * @param {string} id
   */
  remove(id) {
    const meta = this.metas.get(id);
    if (!meta || meta.deleted) return;
    meta.deleted = Date.now();
    this.session.trash.push(id);
    // Deletions stay undoable up to a point; the oldest beyond it are removed for good.
    while (this.session.trash.length > TRASH_LIMIT) {
      const old = this.session.trash.shift();
      this.metas.delete(old);
      this.cache.delete(old);
      this.persist(this.store?.purge(old), 'the clean-up of deleted documents');
    }
    if (this.open?.id === id) {
      this.open = null;
      this.session.current = null;
    }
    this.persist(this.store?.putMeta({ ...meta }), 'the deletion');
    this.persist(this.store?.putSession(this.session), 'the deletion');
  }

  /**
   * The title of the most recently deleted document, or null.
   * @returns {string|null}
   */
  lastDeleted() {
    const id = this.session.trash.at(-1);
    return id ? this.metas.get(id)?.title ?? null : null;
  }

  /**
   * Restores the most recently deleted document.
   * @returns {string|null} its id
   */
  undoDelete() {
    const id = this.session.trash.pop();
    const meta = id && this.metas.get(id);
    if (!meta) return null;
    meta.deleted = null;
    this.persist(this.store?.putMeta({ ...meta }), 'the restored document');
    this.persist(this.store?.putSession(this.session), 'the restored document');
    return id;
  }

  /**
   * Every visible document with its current state (for exporting all).
   * @returns {Promise<{meta: object, doc: object}[]>}
   */
  async allDocs() {
    const out = [];
    for (const meta of this.list()) {
      if (this.open?.id === meta.id) {
        out.push({ meta, doc: this.open.doc });
        continue;
      }
      let entry = this.cache.get(meta.id);
      if (!entry) {
        entry = await this.store.loadDoc(meta.id);
        this.cache.set(meta.id, entry);
      }
      const doc = cloneDoc(entry.base);
      const replay = { status: 'new' };
      for (let i = 0; i < meta.cursor; i++) applyCommand(doc, replay, entry.cmds[i]);
      out.push({ meta, doc });
    }
    return out;
  }
}
