export * from './modules.ts';
export * from './lookup.ts';
