// The edge client's connection and error types, apart from the client itself: the page's
// sync status needs EdgeError on first load, and the client (edge.ts) brings zod and the
// answer schemas, which only the sync worker and a few screens need.
export interface EdgeConnection {
  /** The edge's base URL, e.g. http://localhost:8787 (no trailing slash). */
  baseUrl: string;
  token: string;
  fetch?: typeof fetch;
}

export type EdgeErrorKind = 'unreachable' | 'not-configured' | 'unauthorized' | 'forbidden' | 'rejected' | 'server';

/** One problem the edge named, by path (e.g. `changes[3].fields`). */
export interface EdgeIssue {
  path: string;
  message: string;
}

/** A failed call to the edge, with a message written for the admin. */
export class EdgeError extends Error {
  readonly kind: EdgeErrorKind;
  readonly status: number | null;
  /** Every problem the edge listed for a refused request. */
  readonly issues: readonly EdgeIssue[];
  constructor(kind: EdgeErrorKind, message: string, status: number | null = null, issues: readonly EdgeIssue[] = []) {
    super(message);
    this.name = 'EdgeError';
    this.kind = kind;
    this.status = status;
    this.issues = issues;
  }
}
