export * from './upload-index.ts';
export * from './module-days.ts';
export * from './series.ts';
export * from './exact.ts';
export * from './daily-usage.ts';
export * from './org-directory.ts';
export * from './cursors.ts';
