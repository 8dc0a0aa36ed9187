// The JavaScript heap of a whole-workspace import in Node, as the transfer worker runs it:
// `validate` is the first pass alone (read, split, validate, keep what the restore needs),
// `read` the command line's read (which keeps every upload and invoice, to bill them),
// `import` the whole import into a fake-indexeddb database (whose stored records live in the
// same heap, so compare its peak with what is left once the import is done).
//   node --expose-gc test/shared/workspace-stream/import-heap.ts <file> validate|read|import
import 'fake-indexeddb/auto';
import { openAsBlob } from 'node:fs';
import { WorkspaceAssembler } from '../../../shared/workspace-stream/workspace-assembler.ts';
import { contentOf, documentPieces, readWorkspace } from '../../../shared/workspace-stream/read-document.ts';
import { TrueupDb } from '../../../web/src/lib/db/database.ts';
import { importWorkspaceFile } from '../../../web/src/lib/transfer/import-document.ts';

const MiB = 2 ** 20;
const [path, mode = 'validate'] = process.argv.slice(2);
if (!path) throw new Error('usage: node --expose-gc test/shared/workspace-stream/import-heap.ts <file> validate|read|import');
const collect = (globalThis as { gc?: () => void }).gc;
if (!collect) throw new Error('run with --expose-gc');
collect();
const base = process.memoryUsage().heapUsed;
let peak = base;
/** The highest heap seen in each phase of the import's progress. */
const peaks = new Map<string, number>();
let phase = 'check';
const sample = () => {
  const used = process.memoryUsage().heapUsed;
  peak = Math.max(peak, used);
  peaks.set(phase, Math.max(peaks.get(phase) ?? 0, used));
};
const timer = setInterval(sample, 5);
const started = performance.now();
const file = await openAsBlob(path);
let kept: unknown;
if (mode === 'validate') {
  const assembler = new WorkspaceAssembler('catalog');
  for await (const pieces of documentPieces(contentOf(file.stream()))) {
    for (const piece of pieces) assembler.add(piece);
    sample();
  }
  kept = assembler.finish();
  sample();
} else if (mode === 'read') {
  kept = await readWorkspace(file.stream());
  sample();
} else {
  const db = new TrueupDb('heap');
  kept = await importWorkspaceFile(db, file, (p) => { sample(); phase = p.phase; sample(); });
}
clearInterval(timer);
const seconds = (performance.now() - started) / 1000;
collect();
const after = process.memoryUsage().heapUsed;
const outcome = kept as { ok: boolean; issues?: unknown[] };
process.stdout.write(`${mode}: ${(file.size / MiB).toFixed(0)} MiB file, ok=${outcome.ok}${outcome.issues ? ` issues=${outcome.issues.length}` : ''} in ${seconds.toFixed(1)} s; heap peak ${((peak - base) / MiB).toFixed(0)} MiB above the start, ${((after - base) / MiB).toFixed(0)} MiB still held at the end${mode === 'import' ? `; peak by phase: ${[...peaks].map(([name, used]) => `${name} ${((used - base) / MiB).toFixed(0)}`).join(', ')} MiB` : ''}\n`);
