// A connection to the real test edge that drops after a number of answers to one route, as a
// network going down in the middle of a pull: what is left of the pull must fail, and what was
// stored before must stay. `seen` is told of every request to the route, the dropped ones too.
import type { EdgeConnection } from '../../web/src/lib/sync/edge.ts';

export function droppingAfter(conn: EdgeConnection, path: string, answered: number, seen?: (url: URL) => void): EdgeConnection {
  let asked = 0;
  return {
    ...conn,
    fetch: async (input, init) => {
      const url = new URL(String(input));
      if (url.pathname === path) {
        seen?.(url);
        if (++asked > answered) throw new TypeError('network down');
      }
      return fetch(input, init);
    },
  };
}
