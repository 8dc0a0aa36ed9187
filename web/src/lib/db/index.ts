// The browser database: one place to import it from. See README.md beside this file.
export { TrueupDb, appDb } from './database.ts';
export * from './rows.ts';
export { getMeta, setMeta, type MetaKeys } from './meta.ts';
export { originId } from './clock.ts';
export { applyChanges, recordEdit, recordEdits, type Edit } from './changes.ts';
export { storeUploads, lastUploadDays } from './uploads.ts';
export { loadWorkspace, importWorkspace } from './workspace.ts';
export { saveProfile, saveAccountBilling, saveCharges, deleteCharge, accountCharges } from './billing-records.ts';
