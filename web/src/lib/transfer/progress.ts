/** How far an export or import has got, for the page to show. */
export interface TransferProgress {
  /** export: uploads written; check: file bytes read while validating; store: uploads stored; config: restoring records. */
  phase: 'export' | 'check' | 'store' | 'config';
  done: number;
  total: number;
}

export type OnProgress = (progress: TransferProgress) => void;
