// The browser database: one place to import it from. See README.md beside this file.
export { TrueupDb, appDb } from './database.ts';
export * from './rows.ts';
export { getMeta, setMeta, type MetaKeys } from './meta.ts';
export { originId } from './clock.ts';
export { applyChanges, recordEdit, recordEdits, type Edit } from './changes.ts';
export { storeUploads, lastUploadDays, loadUploads, uploadTables } from './uploads.ts';
export { uploadPages } from './upload-pages.ts';
export { loadInvoice, loadInvoices } from './invoices.ts';
export { dataVersion } from './data-version.ts';
export { loadWorkspace, importWorkspace } from './workspace.ts';
export { saveProfile, saveAccountBilling, saveCharges, deleteCharge, accountCharges } from './billing-records.ts';
