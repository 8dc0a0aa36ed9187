// npm start: the app and the local edge on one origin, with a demo tenant. Builds the SPA
// when its sources changed, migrates the local D1, makes the demo tenant if there is none
// (and loads the demo data into a tenant that has none), runs `wrangler dev`, and prints the one URL that
// opens the app connected to the demo tenant.
import { migrate } from './edge/d1.ts';
import { ensureDemoTenant } from './edge/demo-tenant.ts';
import { ensureConnectorKey } from './edge/dev-vars.ts';
import { startDev } from './edge/dev.ts';
import { ensureSpaBuilt, spaBuildIsStale } from './web/build.ts';
import { loadDemo, send, tenantHasUploads } from './demo/load.ts';
import { demoSetup, setupChanges } from './demo/setup.ts';
import { addDays, today } from '../shared/dates/index.ts';

const PORT = Number(process.env.PORT ?? 8787);

async function main(): Promise<void> {
  if (spaBuildIsStale()) {
    console.log('building the app …');
    ensureSpaBuilt();
  }
  console.log('migrating the local D1 …');
  await migrate();
  const tenant = await ensureDemoTenant();
  console.log(tenant.created ? 'created the demo tenant' : 'using the demo tenant');
  if (ensureConnectorKey()) console.log('made a local CONNECTOR_KEY in .dev.vars (seals connector credentials)');
  // CONNECTOR_ALLOW_HOSTS=127.0.0.1 npm start lets connectors read a Datto-shaped server on this machine (scripts/edge/dev.ts).
  const edge = await startDev({ port: PORT, echo: process.env.TRUEUP_VERBOSE === '1' });
  if (tenant.created || !(await tenantHasUploads(edge.url, tenant.adminToken))) {
    console.log('loading the demo data (about 120 days of 10 modules) …');
    // the one read of the clock: the demo ends yesterday, its set-up is stamped now
    const now = Date.now();
    const demo = await loadDemo(edge.url, tenant.adminToken, { lastDay: addDays(today(new Date(now)), -1), now });
    console.log(`loaded ${demo.accounts} accounts and ${demo.uploads} uploads in ${(demo.ms / 1000).toFixed(1)} s`);
    const setup = demoSetup(demo.plan, new Date(now).toISOString());
    await send(edge.url, tenant.adminToken, '/v1/changes', { changes: setupChanges(setup, now) });
    console.log(`set up ${setup.enabledModules.length} modules, ${setup.orgMappings.length} org mappings, ${setup.contracts.length} contracts and ${setup.invoices.length} posted invoices`);
  }
  // the token travels in the fragment: never sent to a server, stored by the app, then
  // removed from the address bar
  console.log(`
  trueup is running: open ${edge.url}/#token=${tenant.adminToken}

    API          ${edge.url}/v1/health · ${edge.url}/v1/openapi.json
    tenant       ${tenant.tenantId}

  Ctrl-C stops it.`);
  const stop = () => { void edge.stop().then(() => process.exit(0)); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  edge.child.on('close', (code) => {
    console.error(`wrangler dev exited (${code ?? 'signal'})`);
    process.exit(code ?? 1);
  });
}

await main();
