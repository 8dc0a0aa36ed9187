// The sync's Web Worker: pulls parse their pages (hundreds of MB for a large MSP's first
// sync) and merge them into IndexedDB here, never on the page's main thread. Screens see the
// writes through Dexie's liveQuery, which follows writes made in other contexts.
import { expose } from 'comlink';
import { TrueupDb } from '../db/database.ts';
import { syncRemote } from './remote.ts';

expose(syncRemote(new TrueupDb()));
