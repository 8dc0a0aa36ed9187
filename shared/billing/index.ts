export * from './item.ts';
export * from './plan.ts';
export * from './terms.ts';
export * from './modes.ts';
export * from './compute.ts';
export * from './explain.ts';
