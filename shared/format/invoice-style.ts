// The invoice document's one stylesheet: the app's invoice page and the shared page both
// use it, so screen, print/PDF (A4 or Letter: the page size is the printer's) and phone
// read the same. Everything is scoped under .invoice-doc. Numbers never wrap inside;
// descriptions wrap anywhere, so a 390 px phone shows every column without running off.
export const INVOICE_STYLE = `
.invoice-doc { position: relative; box-sizing: border-box; background: #fff; color: #1d2330; max-width: 52rem; margin: 0 auto;
  padding: 2rem 2.25rem; border: 1px solid #dde2ea; border-radius: 10px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; overflow: hidden; }
.invoice-doc *, .invoice-doc *::before, .invoice-doc *::after { box-sizing: border-box; }
.invoice-doc h1 { font-size: 1.5rem; margin: 0 0 .5rem; line-height: 1.2; }
.invoice-doc h1 .number { white-space: nowrap; }
.invoice-doc h2 { font-size: 1rem; margin: 1.25rem 0 .35rem; }
.invoice-doc .doc-head { display: flex; justify-content: space-between; gap: 1.5rem; flex-wrap: wrap; border-bottom: 2px solid #1d2330; padding-bottom: 1rem; margin-bottom: 1rem; }
.invoice-doc .doc-from { display: flex; gap: 1rem; align-items: flex-start; min-width: 0; }
.invoice-doc .logo { max-width: 120px; max-height: 64px; object-fit: contain; }
.invoice-doc .party { min-width: 0; overflow-wrap: anywhere; }
.invoice-doc .party .label { font-size: .75rem; text-transform: uppercase; letter-spacing: .04em; color: #6b7488; }
.invoice-doc dl { display: grid; grid-template-columns: auto auto; gap: .15rem 1rem; margin: 0; }
.invoice-doc dt { color: #4a5468; }
.invoice-doc dd { margin: 0; text-align: right; white-space: nowrap; }
.invoice-doc table { width: 100%; border-collapse: collapse; table-layout: auto; background: none; }
.invoice-doc th, .invoice-doc td { text-align: left; padding: .3rem .4rem; border-bottom: 1px solid #e3e7ee; vertical-align: top; background: none; }
.invoice-doc th { position: static; font-weight: 600; color: #4a5468; font-size: .78rem; border-bottom: 1px solid #b9c0cc; }
.invoice-doc .desc { width: 100%; overflow-wrap: anywhere; }
.invoice-doc .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.invoice-doc tr.adjustment td { font-style: italic; }
.invoice-doc .note { font-size: .8rem; color: #5b6478; font-style: normal; }
.invoice-doc tfoot td { font-weight: 600; border-bottom: none; }
.invoice-doc .totals { width: auto; min-width: 18rem; margin: 1.25rem 0 0 auto; }
.invoice-doc .totals td { border: 0; padding: .2rem .4rem; }
.invoice-doc .totals td:first-child { overflow-wrap: anywhere; }
.invoice-doc .totals .grand td { font-weight: 700; font-size: 1.1rem; border-top: 2px solid #1d2330; }
.invoice-doc .totals .due td { font-weight: 600; }
.invoice-doc .doc-foot { margin-top: 1.5rem; padding-top: .75rem; border-top: 1px solid #dde2ea; color: #4a5468; white-space: pre-line; }
.invoice-doc .notice { margin: 0 0 1rem; padding: .5rem .75rem; border: 2px solid #b42318; color: #b42318; border-radius: 6px; font-weight: 600; }
.invoice-doc[data-status="PREVIEW"] .notice { border-color: #8a6100; color: #8a6100; }
.invoice-doc .mark { position: absolute; top: 40%; left: 50%; transform: translate(-50%, -50%) rotate(-24deg); font-size: 7rem; font-weight: 800;
  letter-spacing: .1em; color: rgba(180, 35, 24, .16); pointer-events: none; white-space: nowrap; z-index: 0; }
.invoice-doc[data-status="PREVIEW"] .mark { color: rgba(138, 97, 0, .14); font-size: 5rem; }
.share-note { max-width: 52rem; margin: 1rem auto; color: #6b7488; font: 12px/1.4 system-ui, sans-serif; text-align: center; }
@media (max-width: 600px) {
  .invoice-doc { padding: 1rem .75rem; border-radius: 0; border-left: 0; border-right: 0; font-size: 13px; }
  .invoice-doc .doc-head { flex-direction: column; gap: .75rem; }
  .invoice-doc dd { text-align: left; }
  .invoice-doc th, .invoice-doc td { padding: .3rem .2rem; }
  .invoice-doc .totals { min-width: 0; width: 100%; }
  .invoice-doc .mark { font-size: 4.5rem; }
  .invoice-doc[data-status="PREVIEW"] .mark { font-size: 3.2rem; }
}
@page { size: auto; margin: 14mm 12mm; }
@media print {
  .invoice-doc { border: none; border-radius: 0; padding: 0; max-width: none; overflow: visible; font-size: 11pt; }
  .invoice-doc, .invoice-doc .mark, .invoice-doc .notice { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .invoice-doc tr, .invoice-doc .totals, .invoice-doc .doc-head, .invoice-doc .party, .invoice-doc .doc-foot, .invoice-doc .notice { break-inside: avoid; page-break-inside: avoid; }
  .invoice-doc h2 { break-after: avoid; page-break-after: avoid; }
  .invoice-doc thead { display: table-header-group; }
  .invoice-doc tfoot { display: table-row-group; }
  .invoice-doc .mark { position: fixed; top: 45%; }
  .share-note { display: none; }
}
`;
