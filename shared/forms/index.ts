export * from './contract.ts';
export * from './custom-module.ts';
