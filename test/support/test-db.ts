// Fresh IndexedDBs (fake-indexeddb) per test, deleted after it: empty, or loaded with a workspace.
import 'fake-indexeddb/auto';
import { afterEach } from 'vitest';
import { TrueupDb } from '../../web/src/lib/db/database.ts';
import { importWorkspace } from '../../web/src/lib/db/workspace.ts';

/** Registers the clean-up and returns a factory of empty databases; call at a test file's top level. */
export function emptyDatabases(prefix: string): () => TrueupDb {
  const open: TrueupDb[] = [];
  let n = 0;
  afterEach(async () => {
    for (const db of open.splice(0)) {
      db.close();
      await db.delete();
    }
  });
  return () => {
    const db = new TrueupDb(`${prefix}-${++n}`);
    open.push(db);
    return db;
  };
}

/** Registers the clean-up and returns a factory of databases holding `workspace()`; call at a test file's top level. */
export function freshDatabases(prefix: string, workspace: () => unknown): () => Promise<TrueupDb> {
  const empty = emptyDatabases(prefix);
  return async () => {
    const db = empty();
    await importWorkspace(db, workspace());
    return db;
  };
}
