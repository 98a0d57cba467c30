// API tests (tests/api): the route handlers run in this process (tests/support/in-process-app.ts) on the fresh
// database tests/setup/database.ts made for this file. next-auth wants the app's public address and a secret, read
// when lib/env.ts is first imported: both are set here, the secret this run's own.
import { randomBytes } from 'node:crypto';
import { afterAll } from 'vitest';
import { closeInProcessApp, IN_PROCESS_BASE_URL } from '../support/in-process-app';

process.env.NEXTAUTH_URL = IN_PROCESS_BASE_URL;
process.env.NEXTAUTH_SECRET = randomBytes(32).toString('base64url');

// Runs before database.ts's afterAll (hooks unwind in reverse): streams and the change-feed listener end first.
afterAll(async () => {
  closeInProcessApp();
  const global = globalThis as { cruxmapHub?: { close: () => Promise<void> } };
  await global.cruxmapHub?.close();
  delete global.cruxmapHub;
});
