export * from './item.ts';
export * from './plan.ts';
export * from './figures.ts';
export * from './compute.ts';
export * from './explain.ts';
