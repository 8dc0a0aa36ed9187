import { INVOICE_STYLE } from '../../shared/format/invoice-style.ts';

/** The shared page's stylesheet: the invoice document's, on a plain page. */
export const PAGE_STYLE = `body { margin: 1.5rem auto; padding: 0 1rem; background: #f4f6f9; }
@media (max-width: 600px) { body { margin: 0; padding: 0; } }
@media print { body { margin: 0; padding: 0; background: #fff; } }
${INVOICE_STYLE}`;
