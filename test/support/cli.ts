import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
// The project's pinned Node 22 (type stripping), whatever node runs vitest.
const pinned = join(process.cwd(), 'node_modules/.bin/node');
const node = existsSync(pinned) ? pinned : process.execPath;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `trueup <args>` as `npm run trueup` does, and returns its exit code and output. */
export async function trueup(args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(node, ['cli/trueup.ts', ...args], { maxBuffer: 64 * 2 ** 20 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Writes content (JSON-encoded unless a string) to a new temporary file and returns its path. */
export async function tempFile(content: unknown, name = 'input.json'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'trueup-cli-'));
  const path = join(dir, name);
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}
