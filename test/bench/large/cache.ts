// The loaded edge is cached: loading the large MSP through the API takes minutes, so its
// local D1 (wrangler's persistence folder) is kept under test/bench/.cache (git-ignored),
// keyed by the generator's version, the scale, and the code that decides what the edge
// stores (worker/, shared/schema/, migrations), and copied for each measurement so the
// browser's edits never reach the cache.
import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GENERATOR_VERSION, type LargeScale } from './generate.ts';
import type { LoadFigures } from './load.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const CACHE_ROOT = fileURLToPath(new URL('../.cache/', import.meta.url));
/** What the stored form of a load depends on besides the generator. */
const STORAGE_SOURCES = ['worker', 'shared/schema', 'shared/posting', 'test/bench/large/generate.ts', 'test/bench/large/load.ts'];

export interface CachedLoad {
  key: string;
  today: string;
  tenantId: string;
  adminToken: string;
  load: LoadFigures;
  createdAt: string;
}

async function files(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => null);
  if (!info) return [];
  if (!info.isDirectory()) return [path];
  const entries = (await readdir(path)).filter((e) => e !== 'node_modules').sort();
  return (await Promise.all(entries.map((e) => files(join(path, e))))).flat();
}

/** The cache key: generator version, scale and a hash of the storage code. */
export async function cacheKey(scale: LargeScale): Promise<string> {
  const hash = createHash('sha256');
  for (const source of STORAGE_SOURCES) {
    for (const file of await files(join(ROOT, source))) {
      hash.update(relative(ROOT, file));
      hash.update(await readFile(file));
    }
  }
  return `v${GENERATOR_VERSION}-a${scale.accounts}-d${scale.days}-p${scale.postedMonths}-s${scale.seed}-${hash.digest('hex').slice(0, 12)}`;
}

export function cacheDir(key: string): string {
  return join(CACHE_ROOT, key);
}

/** The persistence folder of a cached load. */
export function persistOf(key: string): string {
  return join(cacheDir(key), 'persist');
}

export async function readCached(key: string): Promise<CachedLoad | null> {
  try {
    const meta = JSON.parse(await readFile(join(cacheDir(key), 'meta.json'), 'utf8')) as CachedLoad;
    return meta.key === key ? meta : null;
  } catch {
    return null;
  }
}

/** A fresh, empty folder for a new load of this key (an unfinished earlier one is dropped). */
export async function startCache(key: string): Promise<string> {
  // Loads of the same scale made by older code are dropped: each weighs up to a gigabyte.
  const scalePart = key.slice(0, key.lastIndexOf('-') + 1);
  for (const entry of await readdir(CACHE_ROOT).catch(() => [])) {
    if (entry.startsWith(scalePart)) await rm(join(CACHE_ROOT, entry), { recursive: true, force: true });
  }
  await rm(cacheDir(key), { recursive: true, force: true });
  await mkdir(persistOf(key), { recursive: true });
  return persistOf(key);
}

/** Marks the load finished: only then is it reused. */
export async function finishCache(meta: CachedLoad): Promise<void> {
  await writeFile(join(cacheDir(meta.key), 'meta.json'), JSON.stringify(meta, null, 2) + '\n', { mode: 0o600 });
}

/** Copies a cached load's D1 to a working folder the measurement may change. */
export async function copyPersist(key: string, to: string): Promise<void> {
  await cp(persistOf(key), to, { recursive: true });
}

/** The local SQLite files of a persistence folder and their total size. */
export async function sqliteFiles(persistDir: string): Promise<{ path: string; bytes: number }[]> {
  const all = await files(persistDir);
  const found: { path: string; bytes: number }[] = [];
  for (const file of all) {
    if (!/\.sqlite(-wal|-shm)?$/.test(file)) continue;
    found.push({ path: relative(persistDir, file), bytes: (await stat(file)).size });
  }
  return found;
}
