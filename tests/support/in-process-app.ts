// The app's route handlers in the test process, as an AppTarget for HttpClient: what tests/api run against.
// The address is never contacted (.test does not resolve); it is the app's public URL (NEXTAUTH_URL) for this run,
// set by tests/setup/api.ts, so next-auth's callback URLs and the IRIs datasets carry name it.
import path from 'node:path';
import type { AppTarget } from './http-client';
import { createDispatcher, type Dispatcher } from './route-dispatcher';

export const IN_PROCESS_BASE_URL = 'http://cruxmap.test';

const appDir = path.resolve(import.meta.dirname, '../../app');

let dispatcher: Dispatcher | undefined;

/** The route handlers of app/ behind one fetch, created on first use in each test file. */
export function inProcessApp(): AppTarget {
  dispatcher ??= createDispatcher({ appDir });
  return { baseUrl: IN_PROCESS_BASE_URL, fetch: dispatcher.fetch };
}

/** Ends the requests still open (event streams), as connections closing at the end of a test file would. */
export function closeInProcessApp(): void {
  dispatcher?.close();
}

/** The database the app under test reports in /api/v1/health: the test database's kind. */
export const databaseKind = (): 'embedded' | 'postgres' => (process.env.DATABASE_URL ? 'postgres' : 'embedded');
