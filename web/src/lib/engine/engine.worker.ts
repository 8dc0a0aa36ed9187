// The billing engine's Web Worker: screens never compute billing on the main thread.
import { expose } from 'comlink';
import { TrueupDb } from '../db/database.ts';
import { EngineSession, workerApi } from './session.ts';
import { trackCalls } from './views/warm.ts';
import { announceEngineRead } from './read-signal.ts';

// calls are counted so a warm-up of the screens' caches runs only while none is in progress
expose(trackCalls(workerApi(new EngineSession(new TrueupDb(), announceEngineRead))));
