// Group commit in the app: concurrent writes that share a key (a workspace) go to the database together. An item
// submitted while no write of its key is running is written at once, alone; items submitted while one runs wait
// for it and then go together, up to `max` at a time. Nothing waits on a timer: a lone write is never delayed, and
// under load each statement carries the writes that queued behind the previous one (one statement, one commit,
// one run of the tables' statement triggers, one advisory lock for them all).
// When a batch of several fails, each of its items is written again alone, so that an item's error is its own.

export type WriteBatch<T, R> = (items: readonly T[]) => Promise<readonly R[]>;

type Waiting<T, R> = { item: T; resolve: (result: R) => void; reject: (error: unknown) => void };

/** Answers `submit(key, item)`, which resolves with what `write` answered for the item (at its index). */
export function combineWrites<T, R>(write: WriteBatch<T, R>, { max }: { max: number }): (key: string, item: T) => Promise<R> {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`max must be a positive integer, not ${max}`);
  const queues = new Map<string, Waiting<T, R>[]>();

  async function writeOne(entry: Waiting<T, R>): Promise<void> {
    try {
      const [result] = await write([entry.item]);
      entry.resolve(result as R);
    } catch (error) {
      entry.reject(error);
    }
  }

  async function writeBatch(batch: Waiting<T, R>[]): Promise<void> {
    if (batch.length === 1) return writeOne(batch[0] as Waiting<T, R>);
    let results: readonly R[];
    try {
      results = await write(batch.map((entry) => entry.item));
    } catch {
      for (const entry of batch) await writeOne(entry);
      return;
    }
    if (results.length !== batch.length) {
      const error = new Error(`a batch write answered ${results.length} results for ${batch.length} items`);
      for (const entry of batch) entry.reject(error);
      return;
    }
    batch.forEach((entry, index) => entry.resolve(results[index] as R));
  }

  async function drain(key: string, queue: Waiting<T, R>[]): Promise<void> {
    try {
      while (queue.length > 0) await writeBatch(queue.splice(0, max));
    } finally {
      queues.delete(key);
    }
  }

  return (key, item) =>
    new Promise<R>((resolve, reject) => {
      const running = queues.get(key);
      if (running) {
        running.push({ item, resolve, reject });
        return;
      }
      const queue: Waiting<T, R>[] = [{ item, resolve, reject }];
      queues.set(key, queue);
      void drain(key, queue);
    });
}
