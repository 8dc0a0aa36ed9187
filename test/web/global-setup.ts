// Once per run of the web project: `svelte-kit sync` writes web/.svelte-kit (the generated
// tsconfig and types the SPA's modules resolve through), which a fresh clone lacks.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const WEB = fileURLToPath(new URL('../../web/', import.meta.url));
const SVELTE_KIT = fileURLToPath(new URL('../../node_modules/@sveltejs/kit/svelte-kit.js', import.meta.url));

export default function setup(): void {
  execFileSync(process.execPath, [SVELTE_KIT, 'sync'], { cwd: WEB, stdio: 'inherit' });
}
