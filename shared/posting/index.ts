export * from './number.ts';
export * from './post.ts';
export * from './void.ts';
export * from './duplicates.ts';
