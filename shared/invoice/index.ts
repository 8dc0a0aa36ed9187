export * from './posted.ts';
export * from './adjustments.ts';
export * from './lines.ts';
export * from './build.ts';
export * from './compute-period.ts';
