import { bench as rmmBench } from './rmm.ts';
import { bench as edgeBench } from './edge.ts';
import { bench as engineBench } from './engine.ts';
import { bench as suggestBench } from './suggest.ts';
import { bench as recomputeBench } from './recompute.ts';
import { bench as spaBench } from './spa.ts';
import { bench as historyBench } from './history.ts';
import { bench as noisyBench } from './noisy.ts';
import { bench as largeBench } from './large.ts';

/** A benchmark section: measures, prints a short table, returns its figures. */
export type Section = () => Promise<Record<string, unknown>>;

/** Every section by name, in the order they run; each lives in its own file. */
export const SECTIONS: Record<string, Section> = {
  rmm: rmmBench,
  edge: edgeBench,
  engine: engineBench,
  history: historyBench,
  suggest: suggestBench,
  recompute: recomputeBench,
  spa: spaBench,
  noisy: noisyBench,
  large: largeBench,
};

/** Sections that run only when named (`npm run bench -- large`): they take many minutes and a cached load. */
export const ON_REQUEST: ReadonlySet<string> = new Set(['large']);
