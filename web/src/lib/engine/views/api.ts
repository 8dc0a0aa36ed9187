// Worker-side view functions (one page of rows, one account's detail) spread into the
// engine worker's API; the screens fill this in.
import type { EngineSession } from '../session.ts';

export function viewApi(_session: EngineSession) {
  return {};
}
