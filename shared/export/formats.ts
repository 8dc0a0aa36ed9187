/** The export formats: Xero's and QuickBooks Online's import templates, and trueup's own lines. */
export const EXPORT_FORMATS = ['xero', 'qbo', 'lines'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
