// Timing a piece of work in Node for the benches: after a full GC each run, wall and CPU time
// (the machine is shared, so wall time includes other processes' turns), medians and best.
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

export const median = (list: readonly number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] as number;

export interface Timing {
  times: number[];
  cpu: number[];
  ms: number;
  best: number;
  cpuMs: number;
}

/** Runs work `warmUp` times untimed, then `runs` times timed. */
export function timed(work: () => unknown, runs: number, warmUp = 0): Timing {
  for (let i = 0; i < warmUp; i++) work();
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    collect();
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    work();
    times.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  return { times, cpu, ms: median(times), best: Math.min(...times), cpuMs: median(cpu) };
}
