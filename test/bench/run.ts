// npm run bench: runs every benchmark section and writes the figures, with the machine
// and commit, to test/bench/results.json. Sections: one file each, exporting `bench`.
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { ON_REQUEST, SECTIONS } from './sections.ts';

// Section names choose what runs; options (--accounts 200 …) are read by the sections.
const only = process.argv.slice(2).filter((arg) => arg in SECTIONS);
const results: Record<string, unknown> = {};
for (const [name, section] of Object.entries(SECTIONS)) {
  if (only.length > 0 ? !only.includes(name) : ON_REQUEST.has(name)) continue;
  console.log(`\n== ${name}`);
  try {
    results[name] = await section();
  } catch (error) {
    console.error(`${name} failed:`, error);
    results[name] = { error: String(error) };
    process.exitCode = 1;
  }
}

let commit = 'unknown';
try {
  commit = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
} catch {
  // not a git checkout: the figures still stand, only unattributed
}
// A run of some sections (`npm run bench -- noisy`) keeps the other sections' last figures.
const file = new URL('./results.json', import.meta.url);
if (only.length > 0) {
  try {
    const previous = JSON.parse(await readFile(file, 'utf8')) as { results?: Record<string, unknown> };
    for (const [name, figures] of Object.entries(previous.results ?? {})) if (!(name in results)) results[name] = figures;
  } catch {
    // no earlier results: this run's figures stand alone
  }
}

const cpu = os.cpus()[0];
const report = {
  date: new Date().toISOString(),
  commit,
  machine: { cpu: cpu?.model ?? 'unknown', cores: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
  results,
};
await writeFile(file, JSON.stringify(report, null, 2) + '\n');
console.log('\nwrote test/bench/results.json');
