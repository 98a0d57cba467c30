// Is the database reachable? Used by GET /api/v1/health (503 with Retry-After and a message when it is not).
import { databaseKind, db, type DatabaseKind } from '../db';
import { DATABASE_RETRY_AFTER_SECONDS } from '../errors';

export type Health = { status: 'ok'; database: DatabaseKind } | { status: 'error'; database: DatabaseKind; message: string };

export async function checkHealth(): Promise<Health> {
  try {
    await db.$queryRaw`SELECT 1`;
    return { status: 'ok', database: databaseKind };
  } catch (error) {
    // the error's message only: its stack and query are noise when the database is simply down
    console.error(`[health] database check failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    return {
      status: 'error',
      database: databaseKind,
      message: `The database cannot be reached right now. Try again in ${DATABASE_RETRY_AFTER_SECONDS} seconds.`,
    };
  }
}
