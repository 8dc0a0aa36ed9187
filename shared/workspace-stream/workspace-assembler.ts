// Validates a workspace document given in pieces (its members, then its uploads one by one)
// with the same problems, paths, messages and order as the zod `workspace` schema gives for
// the whole document. Uploads go through the fast path; the few it does not accept are
// checked by zod as part of a small document made of everything else, so every problem
// zod would name is named, and the checks across records run exactly when zod runs them.
import { formatPath, type Issue } from '../schema/issues.ts';
import { upload as uploadSchema, type Upload } from '../schema/upload.ts';
import { workspaceCrossChecks, workspaceShape, type CatalogUpload, type Workspace } from '../schema/workspace.ts';
import type { DocumentPiece } from './document-splitter.ts';
import { UploadFastPath } from './upload-fast-path.ts';

/** The top-level members given element by element. */
export const STREAMED_MEMBERS = ['uploads', 'invoices'] as const;

export type AssembledWorkspace = { ok: true; workspace: Workspace } | { ok: false; issues: Issue[] };

/**
 * `keep: 'uploads'` keeps every valid upload (to bill them); `'catalog'` keeps only what the
 * checks across the document read of each (module and billing types), for a pass that only
 * validates.
 */
export class WorkspaceAssembler {
  private readonly keep: 'uploads' | 'catalog';
  private readonly fast = new UploadFastPath();
  private readonly members: Record<string, unknown> = {};
  private readonly arrays = new Map<string, unknown[]>();
  private uploads: (Upload | CatalogUpload | null)[] | null = null;
  /** Uploads the fast path did not accept, kept as read, with their index in the document. */
  private readonly doubtful: { index: number; value: unknown }[] = [];
  /** The billing types of the last org of each upload kept for the catalog, shared by equal orgs. */
  private readonly metricShapes = new Map<string, Readonly<Record<string, true>>>();

  constructor(keep: 'uploads' | 'catalog' = 'uploads') {
    this.keep = keep;
  }

  /** How many uploads were read so far. */
  get uploadCount(): number {
    return this.uploads?.length ?? 0;
  }

  add(piece: DocumentPiece): void {
    switch (piece.kind) {
      case 'root':
        this.members[''] = piece.value;
        return;
      case 'member':
        this.members[piece.key] = piece.value;
        return;
      case 'array':
        if (piece.key === 'uploads') this.uploads = [];
        else this.arrays.set(piece.key, []);
        return;
      case 'item':
        if (piece.key === 'uploads') this.addUpload(piece.value);
        else this.arrays.get(piece.key)?.push(piece.value);
    }
  }

  /** Adds one upload of the streamed "uploads" array; returns it as zod would, or null when it is invalid. */
  addUpload(value: unknown): Upload | null {
    const uploads = (this.uploads ??= []);
    let valid = this.fast.check(value);
    if (valid === null) {
      const parsed = uploadSchema.safeParse(value);
      if (parsed.success) valid = parsed.data;
    }
    if (valid === null) {
      this.doubtful.push({ index: uploads.length, value });
      uploads.push(null);
      return null;
    }
    uploads.push(this.keep === 'uploads' ? this.shareTexts(valid) : this.catalogOf(valid));
    return valid;
  }

  finish(): AssembledWorkspace {
    const rootOnly = '' in this.members;
    const document: unknown = rootOnly ? this.members[''] : {
      ...this.members,
      ...Object.fromEntries(this.arrays),
      ...(this.uploads === null ? {} : { uploads: this.doubtful.map((d) => d.value) }),
    };
    const uploads = this.uploads;
    const doubtful = this.doubtful;
    const crossIssues: Issue[] = [];
    // The same shape and checks as `workspace`; the checks see every upload, in document order.
    const schema = workspaceShape.superRefine((ws) => {
      const all: (Upload | CatalogUpload | null)[] = uploads === null ? ws.uploads : uploads.slice();
      if (uploads !== null) doubtful.forEach((d, k) => { all[d.index] = ws.uploads[k] ?? null; });
      const checked = all.filter((u): u is Upload | CatalogUpload => u !== null);
      if (checked.length !== all.length) return;
      workspaceCrossChecks({ ...ws, uploads: checked }, (path, message) => crossIssues.push({ path: formatPath(path), message }));
    });
    const result = schema.safeParse(document);
    const shapeIssues = result.success ? [] : result.error.issues.map((issue) => ({
      path: formatPath(uploads !== null && issue.path[0] === 'uploads' && typeof issue.path[1] === 'number'
        ? ['uploads', doubtful[issue.path[1]]?.index ?? issue.path[1], ...issue.path.slice(2)]
        : issue.path),
      message: issue.message,
    }));
    const issues = [...shapeIssues, ...crossIssues];
    if (issues.length > 0 || !result.success) return { ok: false, issues };
    if (uploads !== null && this.keep === 'catalog') return { ok: true, workspace: { ...result.data, uploads: [] } };
    return { ok: true, workspace: { ...result.data, uploads: uploads === null ? result.data.uploads : (uploads as Upload[]) } };
  }

  private readonly texts = new Map<string, string>();

  /**
   * Org ids and names repeat in every upload of a module: the kept uploads share one copy of
   * each, which keeps a year of a large MSP hundreds of MB smaller (and its collection shorter).
   */
  private shareTexts(u: Upload): Upload {
    const texts = this.texts;
    for (const org of u.orgs) {
      const id = texts.get(org.orgId);
      if (id === undefined) texts.set(org.orgId, org.orgId);
      else org.orgId = id;
      const name = texts.get(org.name);
      if (name === undefined) texts.set(org.name, org.name);
      else org.name = name;
    }
    return u;
  }

  private catalogOf(u: Upload): CatalogUpload {
    return {
      module: u.module,
      orgs: u.orgs.map((org) => {
        const types = Object.keys(org.metrics);
        const key = types.join(',');
        let metrics = this.metricShapes.get(key);
        if (!metrics) {
          metrics = Object.fromEntries(types.map((t) => [t, true] as const));
          this.metricShapes.set(key, metrics);
        }
        return { metrics };
      }),
    };
  }
}
