// One page of a list the worker filtered: what a screen shows, never the whole list.

export interface PageRequest {
  /** 0-based page index; a page past the end shows the last page. */
  page: number;
  pageSize: number;
}

export interface PageInfo {
  /** The page actually shown (clamped to the rows there are). */
  page: number;
  pageSize: number;
  pages: number;
  /** Rows matching the filter, on every page. */
  total: number;
}

const MAX_PAGE_SIZE = 500;

/** The rows of the requested page, and where it lies among all matching rows. */
export function pageOf<T>(rows: readonly T[], request: PageRequest): { rows: T[]; info: PageInfo } {
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(request.pageSize)));
  const pages = Math.max(1, Math.ceil(rows.length / pageSize));
  const page = Math.min(pages - 1, Math.max(0, Math.floor(request.page)));
  return { rows: rows.slice(page * pageSize, (page + 1) * pageSize), info: { page, pageSize, pages, total: rows.length } };
}

/** Whether a text matches a search: every word of the search appears in it, case-insensitive. */
export function matchesSearch(text: string, search: string): boolean {
  const words = search.trim().toLowerCase().split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return true;
  const haystack = text.toLowerCase();
  return words.every((w) => haystack.includes(w));
}
