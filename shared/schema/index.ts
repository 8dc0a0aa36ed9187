export * from './primitives.ts';
export * from './module.ts';
export * from './upload.ts';
export * from './csv.ts';
export * from './invoice.ts';
export * from './workspace.ts';
export * from './changes.ts';
export * from './issues.ts';
