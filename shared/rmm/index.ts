export * from './device.ts';
export * from './classify.ts';
export * from './upload.ts';
