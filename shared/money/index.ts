export * from './scaled.ts';
export * from './currency.ts';
export * from './amount.ts';
export * from './sum.ts';
