// Every SQL statement Prisma sends, observable: the driver adapter is wrapped so that each query (inside a
// transaction or not) is reported to the listeners registered here, with the connection it went to — the
// primary or the read replica (DATABASE_REPLICA_URL). Nothing is recorded while no one listens, so the wrapper
// costs one array-length check per statement. Tests use it to check where queries go and what they filter on.
// It also advances the sign-in epoch (./sign-in-epoch.ts) around every statement that may write a table a sign-in
// reads: when it is sent, and when it has committed — after the statement for one outside a transaction, after the
// transaction's end for one inside.
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction } from '@prisma/driver-adapter-utils';
import { advanceSignInEpoch, writesSignInTables } from './sign-in-epoch';

export type QueryTarget = 'primary' | 'replica';
export type LoggedQuery = { target: QueryTarget; sql: string; inTransaction: boolean };
export type QueryListener = (query: LoggedQuery) => void;

const globalForLog = globalThis as typeof globalThis & { cruxmapQueryListeners?: QueryListener[] };
const listeners: QueryListener[] = (globalForLog.cruxmapQueryListeners ??= []);

/** Calls `listener` with every statement sent from now on, until the returned function is called. */
export function onQuery(listener: QueryListener): () => void {
  listeners.push(listener);
  return () => {
    const at = listeners.indexOf(listener);
    if (at >= 0) listeners.splice(at, 1);
  };
}

/**
 * Reports a statement sent outside Prisma, on a connection of the `pg` driver's own (the export cursor and COPY,
 * lib/datasets/export-cursor.ts), so that the statement log and the workspace audit see it as well.
 */
export function reportStatement(target: QueryTarget, sql: string, inTransaction: boolean): void {
  if (listeners.length === 0) return;
  const logged = { target, sql, inTransaction };
  for (const listener of [...listeners]) listener(logged);
}

function report(target: QueryTarget, query: SqlQuery, inTransaction: boolean): void {
  reportStatement(target, query.sql, inTransaction);
}

function loggedTransaction(target: QueryTarget, tx: Transaction): Transaction {
  let wroteSignInTables = false;
  return new Proxy(tx, {
    get(object, key, receiver) {
      if (key === 'queryRaw' || key === 'executeRaw') {
        const method = object[key].bind(object) as (query: SqlQuery) => Promise<unknown>;
        return (query: SqlQuery) => {
          report(target, query, true);
          if (writesSignInTables(query.sql)) {
            wroteSignInTables = true;
            advanceSignInEpoch();
          }
          return method(query);
        };
      }
      if (key === 'commit' || key === 'rollback') {
        const end = object[key].bind(object);
        return async () => {
          try {
            await end();
          } finally {
            if (wroteSignInTables) advanceSignInEpoch();
          }
        };
      }
      const value: unknown = Reflect.get(object, key, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(object) : value;
    },
  });
}

function loggedAdapter(target: QueryTarget, adapter: SqlDriverAdapter): SqlDriverAdapter {
  return new Proxy(adapter, {
    get(object, key, receiver) {
      if (key === 'queryRaw' || key === 'executeRaw') {
        const method = object[key].bind(object) as (query: SqlQuery) => Promise<unknown>;
        return (query: SqlQuery) => {
          report(target, query, false);
          if (!writesSignInTables(query.sql)) return method(query);
          advanceSignInEpoch();
          return method(query).finally(advanceSignInEpoch);
        };
      }
      if (key === 'startTransaction') {
        return async (...args: Parameters<SqlDriverAdapter['startTransaction']>) => loggedTransaction(target, await object.startTransaction(...args));
      }
      const value: unknown = Reflect.get(object, key, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(object) : value;
    },
  });
}

/** `factory`, its connections reporting each statement as sent to `target`. */
export function loggedAdapterFactory<F extends SqlDriverAdapterFactory>(target: QueryTarget, factory: F): F {
  return new Proxy(factory, {
    get(object, key, receiver) {
      if (key === 'connect') return async () => loggedAdapter(target, await object.connect());
      const value: unknown = Reflect.get(object, key, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(object) : value;
    },
  });
}
