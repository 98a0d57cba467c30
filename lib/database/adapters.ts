// Driver adapter factories for both databases, fixed so a migration script runs whole, in one transaction.
// The stock adapters split scripts on ';' (pg: `$$` bodies break, a failed migration is left half-applied) or
// forget to await them (PGlite: a failing migration is recorded as applied).
import type { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';

/** Something that can run a whole SQL script and simple queries: the migrator's view of a database. */
export type MigrationTarget = {
  factory: SqlMigrationAwareDriverAdapterFactory;
  queryRows: <T>(sql: string) => Promise<T[]>;
  close: () => Promise<void>;
};

function withWholeScripts(
  inner: SqlMigrationAwareDriverAdapterFactory,
  runScript: (script: string) => Promise<void>,
): SqlMigrationAwareDriverAdapterFactory {
  const patch = (adapter: SqlDriverAdapter): SqlDriverAdapter => {
    adapter.executeScript = runScript;
    return adapter;
  };
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => patch(await inner.connect()),
    connectToShadowDb: async () => patch(await inner.connectToShadowDb()),
  };
}

export function pgliteTarget(pglite: PGlite): MigrationTarget {
  return {
    factory: withWholeScripts(new PrismaPGlite(pglite), async (script) => {
      await pglite.exec(script);
    }),
    queryRows: async <T>(sql: string) => (await pglite.query<T>(sql)).rows,
    close: async () => {},
  };
}

export function postgresTarget(connectionString: string): MigrationTarget {
  const pool = new pg.Pool({ connectionString, max: 2 });
  return {
    factory: withWholeScripts(new PrismaPg(pool), async (script) => {
      // One simple-protocol call: PostgreSQL runs a multi-statement string as one implicit transaction.
      await pool.query(script);
    }),
    queryRows: async <T>(sql: string) => (await pool.query(sql)).rows as T[],
    close: async () => {
      await pool.end();
    },
  };
}
