export * from './day.ts';
export * from './period.ts';
