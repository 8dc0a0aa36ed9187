import { rmmUpload } from '../../shared/rmm/upload.ts';
import { readJsonFile, UsageError, type Command } from '../command.ts';

/** `rmm <devices.json> <YYYY-MM-DD>`: a Datto RMM device list → the day's datto-rmm upload. */
export const rmm: Command = {
  usage: 'rmm <devices.json> <YYYY-MM-DD>',
  async run([file, date]) {
    if (!date) throw new UsageError('missing date argument');
    return rmmUpload(await readJsonFile(file), date);
  },
};
