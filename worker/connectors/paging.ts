import { VendorError } from './vendor-error.ts';

/** No list is followed past this many pages (a vendor bug looping on nextPageUrl must end). */
export const MAX_PAGES = 5000;

/**
 * The next page's URL from a vendor's `nextPageUrl`: relative links resolve against the
 * current page; an absolute link to another origin (a vendor answering with its public
 * name) keeps its path and query on the configured origin, so credentials never leave it.
 */
export function nextPage(current: string, next: unknown): string | null {
  if (typeof next !== 'string' || next.trim() === '') return null;
  const here = new URL(current);
  const resolved = new URL(next.trim(), here);
  if (resolved.origin === here.origin) return resolved.toString();
  return `${here.origin}${resolved.pathname}${resolved.search}`;
}

/** Guards a paging loop: stops on a repeated page or on too many pages. */
export class PageGuard {
  private readonly seen = new Set<string>();
  private readonly vendor: string;
  constructor(vendor: string) {
    this.vendor = vendor;
  }
  visit(url: string): void {
    if (this.seen.has(url)) throw new VendorError(`${this.vendor} sent the same page twice (${new URL(url).pathname}); the run stopped rather than loop`);
    if (this.seen.size >= MAX_PAGES) throw new VendorError(`${this.vendor} listed more than ${MAX_PAGES} pages; the run stopped`);
    this.seen.add(url);
  }
}
