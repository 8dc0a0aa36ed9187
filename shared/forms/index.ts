export * from './contract.ts';
export * from './custom-module.ts';
export * from './profile.ts';
export * from './account-billing.ts';
export * from './charge.ts';
