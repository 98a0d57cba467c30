// Is the database reachable? Used by GET /api/v1/health.
import { databaseKind, db, type DatabaseKind } from '../db';

export type Health = { status: 'ok' | 'error'; database: DatabaseKind };

export async function checkHealth(): Promise<Health> {
  try {
    await db.$queryRaw`SELECT 1`;
    return { status: 'ok', database: databaseKind };
  } catch (error) {
    console.error('[health] database check failed', error);
    return { status: 'error', database: databaseKind };
  }
}
