// npm start: the local edge with a demo tenant. Migrates the local D1, makes the demo
// tenant if there is none, runs `wrangler dev` and prints the URL and admin token.
// Steps are functions in scripts/edge/ so more (build the SPA, load demo data) slot in.
import { migrate } from './edge/d1.ts';
import { ensureDemoTenant } from './edge/demo-tenant.ts';
import { startDev } from './edge/dev.ts';

const PORT = Number(process.env.PORT ?? 8787);

async function main(): Promise<void> {
  console.log('migrating the local D1 …');
  await migrate();
  const tenant = await ensureDemoTenant();
  console.log(tenant.created ? 'created the demo tenant' : 'using the demo tenant');
  const edge = await startDev({ port: PORT, echo: process.env.TRUEUP_VERBOSE === '1' });
  console.log(`
  trueup is running
    edge URL     ${edge.url}
    API          ${edge.url}/v1/health · ${edge.url}/v1/openapi.json
    tenant       ${tenant.tenantId}
    admin token  ${tenant.adminToken}

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
