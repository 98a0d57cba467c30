// The one Prisma client. With DATABASE_URL: PostgreSQL through @prisma/adapter-pg. Without: the embedded
// PGlite database under CRUXMAP_DATA_DIR. Either is opened lazily and migrated on first use.
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPg } from '@prisma/adapter-pg';
import type { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { pgliteTarget, postgresTarget } from './database/adapters';
import { openEmbedded, type EmbeddedDatabase } from './database/embedded';
import { applyMigrations } from './database/migrate';
import { loggedAdapterFactory } from './database/query-log';
import { logStatementsTo } from './database/statement-log';
import { statementName } from './database/statement-names';
import { readReplicas } from '@prisma/extension-read-replicas';
import { env } from './env';
import { PrismaClient } from './generated/prisma/client';

export type Db = PrismaClient;
export type DatabaseKind = 'embedded' | 'postgres';

type DbState = {
  client: PrismaClient;
  /** the read replica's client (DATABASE_REPLICA_URL), else the primary's */
  replica: PrismaClient;
  kind: DatabaseKind;
  close: () => Promise<void>;
  pglite?: () => PGlite | undefined;
};

type LazyFactory = SqlDriverAdapterFactory & { reset: () => void };

function lazyFactory(open: () => Promise<SqlDriverAdapter>): LazyFactory {
  let opening: Promise<SqlDriverAdapter> | undefined;
  return {
    provider: 'postgres',
    adapterName: 'cruxmap-lazy',
    connect: () => {
      opening ??= open().catch((error: unknown) => {
        opening = undefined; // let a later query retry, e.g. once the app holding the folder has stopped
        throw error;
      });
      return opening;
    },
    reset: () => {
      opening = undefined;
    },
  };
}

function createState(): DbState {
  const url = env.DATABASE_URL;
  if (url !== undefined) {
    const adapter = lazyFactory(async () => {
        const target = postgresTarget(url);
        try {
          await applyMigrations(target);
        } finally {
          await target.close();
        }
        return new PrismaPg({ connectionString: url, max: 20 }, { statementNameGenerator: statementName }).connect();
      });
    const client = new PrismaClient({ adapter: loggedAdapterFactory('primary', adapter) });
    const replicaUrl = env.DATABASE_REPLICA_URL;
    // Prisma's read-replicas extension holds the replica's client; `$replica()` hands it to the reads that may go
    // there (lib/db's `replicaDb`). The primary client itself is not extended: everything else — authorization,
    // reads right after a write, the events table — keeps reading the primary.
    const replica = replicaUrl
      ? client
          .$extends(readReplicas({ replicas: [new PrismaClient({ adapter: loggedAdapterFactory('replica', new PrismaPg({ connectionString: replicaUrl, max: 10 }, { statementNameGenerator: statementName })) })] }))
          .$replica()
      : client;
    return {
      client,
      replica: replica as PrismaClient,
      kind: 'postgres',
      close: async () => {
        await client.$disconnect();
        if (replica !== client) await replica.$disconnect();
        adapter.reset();
      },
    };
  }

  let embedded: EmbeddedDatabase | undefined;
  const adapter = lazyFactory(async () => {
      embedded = await openEmbedded(env.CRUXMAP_DATA_DIR, env.CRUXMAP_EMBEDDED_TEMPLATE);
      try {
        await applyMigrations(pgliteTarget(embedded.pglite));
      } catch (error) {
        await embedded.close();
        embedded = undefined;
        throw error;
      }
      return new PrismaPGlite(embedded.pglite).connect();
    });
  const client = new PrismaClient({ adapter: loggedAdapterFactory('primary', adapter) });
  return {
    client,
    replica: client,
    kind: 'embedded',
    pglite: () => embedded?.pglite,
    close: async () => {
      await client.$disconnect();
      await embedded?.close();
      embedded = undefined;
      adapter.reset();
    },
  };
}

type StatementLog = { file: string; stop: () => void };
const globalForDb = globalThis as typeof globalThis & { cruxmapDb?: DbState; cruxmapStatementLog?: StatementLog };
const state: DbState = (globalForDb.cruxmapDb ??= createState());
// One log per process however often this module is loaded (the tests load it once per file, each file with a
// log of its own): a new file stops the previous one's.
const statementLog = env.CRUXMAP_STATEMENT_LOG;
if (statementLog !== globalForDb.cruxmapStatementLog?.file) {
  globalForDb.cruxmapStatementLog?.stop();
  globalForDb.cruxmapStatementLog = statementLog === undefined ? undefined : { file: statementLog, stop: logStatementsTo(statementLog) };
}

export const db: PrismaClient = state.client;
/**
 * The client for reads that may lag a moment behind the primary: the map's feed, exports, search and the reading
 * page. The read replica when DATABASE_REPLICA_URL is set, else the primary itself. Never for a read that must see a
 * write this request just made, nor inside a transaction.
 */
export const replicaDb: PrismaClient = state.replica;
export const databaseKind: DatabaseKind = state.kind;

/** Disconnects and, on the embedded database, closes PGlite and releases its lock. */
export async function closeDb(): Promise<void> {
  await state.close();
}

/**
 * The embedded database's PGlite instance (opened and migrated first), for what Prisma cannot do on it: LISTEN.
 * Null on PostgreSQL, where listeners open a connection of their own.
 */
export async function embeddedInstance(): Promise<PGlite | null> {
  if (!state.pglite) return null;
  await state.client.$queryRaw`SELECT 1`;
  return state.pglite() ?? null;
}
