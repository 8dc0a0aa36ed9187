// The billing engine's Web Worker: screens never compute billing on the main thread.
import { expose } from 'comlink';
import { TrueupDb } from '../db/database.ts';
import { EngineSession, workerApi } from './session.ts';

expose(workerApi(new EngineSession(new TrueupDb())));
