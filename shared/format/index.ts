export * from './money.ts';
export * from './quantity.ts';
export * from './dates.ts';
