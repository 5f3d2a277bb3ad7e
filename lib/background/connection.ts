// One database connection for the worker, opened on first use. When another context needs to
// upgrade the schema (a new version of the extension) or the browser drops the connection,
// it is closed and forgotten, and the next request opens a fresh one.
import { openChaperoneDB, type DB, type OpenOptions } from '../store/db';

export interface DbConnection {
  get(): Promise<DB>;
  close(): Promise<void>;
}

export function createConnection(open: (o: OpenOptions) => Promise<DB> = openChaperoneDB): DbConnection {
  let current: Promise<DB> | null = null;
  const forget = (): void => {
    const was = current;
    current = null;
    void was?.then((d) => d.close()).catch(() => undefined);
  };
  return {
    get() {
      if (!current) {
        const p = open({ onBlocking: forget, onTerminated: forget }).catch((e: unknown) => {
          if (current === p) current = null;
          throw e;
        });
        current = p;
      }
      return current;
    },
    async close() {
      forget();
    },
  };
}
