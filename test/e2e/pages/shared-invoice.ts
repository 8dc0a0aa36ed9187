// The shared invoice page as a client opens it: no login, no script, often on a phone.
import type { Page } from 'playwright-core';

export class SharedInvoicePage {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  async open(url: string): Promise<number> {
    const response = await this.page.goto(url);
    return response?.status() ?? 0;
  }

  async text(): Promise<string> {
    return (await this.page.textContent('body')) ?? '';
  }

  /** The mark over the document (VOID, PREVIEW), or null. */
  async mark(): Promise<string | null> {
    const mark = this.page.locator('.invoice-doc .mark');
    return (await mark.count()) > 0 ? mark.textContent() : null;
  }

  /** What does not fit the viewport: the page wider than the screen, a number broken over lines, an element past the right edge. */
  async layoutProblems(): Promise<string[]> {
    return this.page.evaluate(() => {
      const out: string[] = [];
      const width = document.documentElement.clientWidth;
      if (document.documentElement.scrollWidth > width) out.push(`page is ${document.documentElement.scrollWidth}px wide on a ${width}px screen`);
      for (const el of document.querySelectorAll('.invoice-doc .num, .invoice-doc dd, .invoice-doc h1 .number')) {
        const box = el.getBoundingClientRect();
        const line = parseFloat(getComputedStyle(el).lineHeight) || 20;
        const range = document.createRange();
        range.selectNodeContents(el);
        if (range.getClientRects().length > 1 && range.getBoundingClientRect().height > line * 1.5) out.push(`"${el.textContent}" wraps`);
        if (box.right > width + 0.5) out.push(`"${el.textContent}" ends at ${box.right}px`);
      }
      return out;
    });
  }
}
