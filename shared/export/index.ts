export * from './accounting-csv.ts';
