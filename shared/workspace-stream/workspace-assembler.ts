// Validates a workspace document given in pieces (its members, then its uploads and invoices
// one by one) with the same problems, paths, messages and order as the zod `workspace` schema
// gives for the whole document. Uploads go through the fast path, invoices through zod's
// `invoice` schema one at a time; the few either refuses are checked by zod again as part of a
// small document made of everything else, so every problem zod would name is named in its
// place, and the checks across records run exactly when zod runs them. An element valid on its
// own adds no problem there: zod checks each element of an array by itself.
import { formatPath, type Issue } from '../schema/issues.ts';
import { invoice as invoiceSchema, type Invoice } from '../schema/invoice.ts';
import { upload as uploadSchema, type Upload } from '../schema/upload.ts';
import { workspaceCrossChecks, workspaceShape, type CatalogUpload, type Workspace } from '../schema/workspace.ts';
import type { DocumentPiece } from './document-splitter.ts';
import { UploadFastPath } from './upload-fast-path.ts';

/** The top-level members given element by element. */
export const STREAMED_MEMBERS = ['uploads', 'invoices'] as const;

export type AssembledWorkspace = { ok: true; workspace: Workspace } | { ok: false; issues: Issue[] };

/** An element the quick check refused, kept as read with its index in the document, for zod to name its problems. */
interface Doubtful {
  index: number;
  value: unknown;
}

/** Told each invoice valid by itself (as zod returns it) with its index, whether it is kept or not. */
export type OnInvoice = (invoice: Invoice, index: number) => void;

/**
 * `keep: 'uploads'` keeps every valid upload and invoice (to bill them); `'catalog'` keeps only
 * what the checks across the document read: of each upload its module and billing types, of
 * the invoices nothing (no check reads them), for a pass that only validates. A large MSP's
 * year of posted invoices with their frozen daily quantities is hundreds of MB; `onInvoice`
 * lets that pass note what it needs of each.
 */
export class WorkspaceAssembler {
  private readonly keep: 'uploads' | 'catalog';
  private readonly onInvoice: OnInvoice | undefined;
  private readonly fast = new UploadFastPath();
  private readonly members: Record<string, unknown> = {};
  private uploads: (Upload | CatalogUpload | null)[] | null = null;
  /** Uploads the fast path did not accept. */
  private readonly doubtful: Doubtful[] = [];
  /** The valid invoices when kept (null until the streamed "invoices" array starts). */
  private invoices: Invoice[] | null = null;
  private invoiceCount = 0;
  /** Invoices zod refused. */
  private readonly doubtfulInvoices: Doubtful[] = [];
  /** An org of an upload kept for the catalog (its billing types), one object shared by all orgs of the same types. */
  private readonly orgShapes = new Map<string, CatalogUpload['orgs'][number]>();

  constructor(keep: 'uploads' | 'catalog' = 'uploads', onInvoice?: OnInvoice) {
    this.keep = keep;
    this.onInvoice = onInvoice;
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
        else if (piece.key === 'invoices') this.invoices = [];
        else throw new Error(`"${piece.key}" is not a member read element by element`);
        return;
      case 'item':
        if (piece.key === 'uploads') this.addUpload(piece.value);
        else if (piece.key === 'invoices') this.addInvoice(piece.value);
        else throw new Error(`"${piece.key}" is not a member read element by element`);
    }
  }

  /** Adds one invoice of the streamed "invoices" array. */
  addInvoice(value: unknown): void {
    const invoices = (this.invoices ??= []);
    const index = this.invoiceCount++;
    const parsed = invoiceSchema.safeParse(value);
    if (!parsed.success) {
      this.doubtfulInvoices.push({ index, value });
      return;
    }
    // Refused ones are missing here, but then the document is invalid and this list unused.
    if (this.keep === 'uploads') invoices.push(parsed.data);
    this.onInvoice?.(parsed.data, index);
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
      ...(this.uploads === null ? {} : { uploads: this.doubtful.map((d) => d.value) }),
      ...(this.invoices === null ? {} : { invoices: this.doubtfulInvoices.map((d) => d.value) }),
    };
    const uploads = this.uploads;
    const doubtful = this.doubtful;
    const streamedInvoices = this.invoices;
    // A problem of the k-th element of the small document is one of the element read at that index.
    const placed: Record<string, Doubtful[] | null> = { uploads: uploads === null ? null : doubtful, invoices: streamedInvoices === null ? null : this.doubtfulInvoices };
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
    const shapeIssues = result.success ? [] : result.error.issues.map((issue) => {
      const [member, k, ...rest] = issue.path;
      const elements = typeof member === 'string' ? placed[member] : null;
      return {
        path: formatPath(elements && typeof k === 'number' ? [member as string, elements[k]?.index ?? k, ...rest] : issue.path),
        message: issue.message,
      };
    });
    const issues = [...shapeIssues, ...crossIssues];
    if (issues.length > 0 || !result.success) return { ok: false, issues };
    const catalog = this.keep === 'catalog';
    return { ok: true, workspace: {
      ...result.data,
      uploads: uploads === null ? result.data.uploads : catalog ? [] : (uploads as Upload[]),
      invoices: streamedInvoices === null ? result.data.invoices : catalog ? [] : streamedInvoices,
    } };
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
        let shape = this.orgShapes.get(key);
        if (!shape) {
          shape = { metrics: Object.fromEntries(types.map((t) => [t, true] as const)) };
          this.orgShapes.set(key, shape);
        }
        return shape;
      }),
    };
  }
}
