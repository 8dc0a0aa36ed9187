import { readFile } from 'node:fs/promises';

/** A subcommand of the trueup command line: returns the JSON to print, or throws. */
export interface Command {
  usage: string;
  run(args: string[]): Promise<unknown>;
}

/** A result printed as it is (a CSV file), not as JSON. */
export class TextOutput {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

/** Wrong arguments: the message says how to call the command. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A file that could not be read as JSON (missing, no permission, not JSON, damaged gzip): not a usage mistake. */
export class CannotReadFile extends Error {
  override name = 'CannotReadFile';
  constructor(path: string, reason: string) {
    super(`cannot read ${path}: ${reason}`);
  }
}

/** Reads and parses a small JSON file (a device list), naming the file in any error. */
export async function readJsonFile(path: string | undefined): Promise<unknown> {
  if (!path) throw new UsageError('missing file argument');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new CannotReadFile(path, (error as Error).message);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CannotReadFile(path, `it is not valid JSON: ${(error as Error).message}`);
  }
}
