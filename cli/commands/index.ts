import type { Command } from '../command.ts';
import { bill } from './bill.ts';
import { exportCommand } from './export.ts';
import { rmm } from './rmm.ts';
import { suggest } from './suggest.ts';

/** Every subcommand by name; each lives in its own file. */
export const COMMANDS: Record<string, Command> = {
  bill,
  export: exportCommand,
  rmm,
  suggest,
};
