// While a long pull holds the figures (sync/pull-hold.ts), the engine worker still reads each
// stored page's rows as they land: its first read of a large tenant (21,780 invoices and a
// year of module-days) otherwise starts only when the pull ends and adds its whole length to
// the first open. Reading is incremental (rows newer than the worker's data version), so each
// catch-up reads about one page; nothing is computed until the pull ends. One call is in
// flight at a time; versions that land meanwhile are read by one more call after it.
import type { Remote } from 'comlink';
import type { WorkerApi } from './session.ts';

export class ReadAhead {
  #worker: () => Remote<WorkerApi>;
  #running = false;
  #again = false;

  constructor(worker: () => Remote<WorkerApi>) {
    this.#worker = worker;
  }

  /** Asks the worker to read what is stored now (or right after the read under way). */
  request(): void {
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = true;
    this.#worker().catchUp()
      // reading ahead only saves time later: a failed one leaves the read to the next call
      .catch(() => undefined)
      .finally(() => {
        this.#running = false;
        if (this.#again) {
          this.#again = false;
          this.request();
        }
      });
  }
}
