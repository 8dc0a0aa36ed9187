// Workspace export and import run here, off the main thread, on the worker's own database
// connection; Dexie tells the page's live queries what changed.
import { expose } from 'comlink';
import { TrueupDb } from '../db/database.ts';
import { transferApi } from './api.ts';

expose(transferApi(new TrueupDb()));
