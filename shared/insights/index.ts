export * from './reported-types.ts';
