export * from './accounting-csv.ts';
export * from './cell.ts';
