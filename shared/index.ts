// The public entry points of the trueup domain. Pure TypeScript: runs unchanged in
// the browser, the engine Web Worker, the edge worker and Node.
export * from './money/index.ts';
export * from './dates/index.ts';
export * from './catalog/index.ts';
export * from './schema/index.ts';
export * from './sync/hlc.ts';
export * from './sync/merge.ts';
export * from './rmm/index.ts';
export * from './usage/index.ts';
export * from './billing/index.ts';
export * from './invoice/index.ts';
export * from './posting/index.ts';
export * from './suggest/index.ts';
