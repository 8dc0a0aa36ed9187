// npm run tenant -- create <name> [--remote]: creates a tenant and prints
// { "tenantId", "adminToken" } as JSON on stdout (docs/billing-rules.md#edge-api); wrangler's chatter goes to stderr.
import { createTenant, migrate } from './edge/d1.ts';

const USAGE = 'usage: npm run tenant -- create <name> [--remote]';

async function main(argv: string[]): Promise<number> {
  const remote = argv.includes('--remote');
  const [command, ...rest] = argv.filter((a) => a !== '--remote');
  const name = rest.join(' ').trim();
  if (command !== 'create' || name === '') {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  // The local database is migrated first so a fresh clone works in one command; a
  // remote one is migrated by the deploy steps (README), never implicitly.
  if (!remote) await migrate();
  const tenant = await createTenant(name, { remote });
  process.stdout.write(JSON.stringify(tenant) + '\n');
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
