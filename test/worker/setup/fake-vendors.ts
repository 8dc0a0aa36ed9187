// Starts the fake Datto vendors in Node for the whole worker run; tests inside workerd
// reach them on 127.0.0.1 and make their own scenarios over HTTP.
import type { TestProject } from 'vitest/node';
import { startFakeDattoPortal } from '../../support/fake-datto-portal.ts';
import { startFakeDattoRmm } from '../../support/fake-datto-rmm.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    fakeRmmUrl: string;
    fakePortalUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const rmm = await startFakeDattoRmm();
  const portal = await startFakeDattoPortal();
  project.provide('fakeRmmUrl', rmm.url);
  project.provide('fakePortalUrl', portal.url);
  return async () => {
    await rmm.stop();
    await portal.stop();
  };
}
