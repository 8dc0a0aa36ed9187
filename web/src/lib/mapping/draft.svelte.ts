// Mapping edits the admin has made but not saved yet. Nothing is written until Save, and
// Save writes every staged mapping as one batch of changes.
import { SvelteMap } from 'svelte/reactivity';
import type { TrueupDb } from '../db/database.ts';
import { recordEdits, type Edit } from '../db/changes.ts';

export interface OrgRef {
  module: string;
  orgId: string;
}

export class MappingDraft {
  /** Org key → account id, or null to unmap. */
  readonly staged = new SvelteMap<string, { org: OrgRef; accountId: string | null }>();
  // Saved edits the live data has not shown yet: kept so the screen never flickers back.
  readonly #written = new SvelteMap<string, string | null>();

  /**
   * What differs from the stored mappings as this screen knows them: saved edits not read
   * back yet, then the unsaved ones over them. The worker applies these to what it lists.
   */
  overrides(): [key: string, accountId: string | null][] {
    const all = new Map<string, string | null>(this.#written);
    for (const [key, { accountId }] of this.staged) all.set(key, accountId);
    return [...all];
  }

  /** The account an org maps to with this screen's own edits, else as the worker last listed it (`listed`). */
  accountOf(key: string, listed: string | null): string | null {
    const edit = this.staged.get(key);
    if (edit) return edit.accountId;
    const written = this.#written.get(key);
    return written !== undefined ? written : listed;
  }

  /** Forgets saved edits once the stored mappings show them (`saved`: key → stored account, for the keys asked). */
  reconcile(saved: ReadonlyMap<string, string | null>): void {
    for (const [key, accountId] of this.#written) if (saved.has(key) && (saved.get(key) ?? null) === accountId) this.#written.delete(key);
  }

  /** Stages a mapping (or an unmapping); staging back the stored value drops the edit. */
  stage(key: string, org: OrgRef, accountId: string | null, saved: string | null): void {
    if (saved === accountId) this.staged.delete(key);
    else this.staged.set(key, { org, accountId });
  }

  get size(): number {
    return this.staged.size;
  }

  discard(): void {
    this.staged.clear();
  }

  /** Writes every staged edit as changes, then clears the draft. */
  async save(db: TrueupDb): Promise<number> {
    const edits: Edit[] = [...this.staged].map(([key, { org, accountId }]): Edit => {
      const fields: Edit['fields'] = accountId === null ? { deleted: true } : { module: org.module, orgId: org.orgId, accountId, deleted: false };
      return { table: 'orgMappings', id: key, fields };
    });
    await recordEdits(db, edits);
    for (const [key, { accountId }] of this.staged) this.#written.set(key, accountId);
    this.staged.clear();
    return edits.length;
  }
}
