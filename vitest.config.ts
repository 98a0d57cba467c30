// Four projects: unit (pure logic beside the code), integration (a real database per test file), api (the route
// handlers called in the test process, a Request in and a Response out, on a database of their own per file) and
// e2e (the built app in Debian's Chromium, and what only the built app does). `npm test` runs all four.
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const alias = { '@': fileURLToPath(new URL('.', import.meta.url)) };
// bcrypt at its lowest cost for the accounts the tests sign up (lib/env.ts; production's default is 12)
const testEnv = { CRUXMAP_PASSWORD_COST: '4' };

export default defineConfig({
  resolve: { alias },
  test: {
    passWithNoTests: false,
    // Vitest's default is one worker per core but one. Much of the integration tests' time is spent in child
    // processes (the CLI) or waiting on them, so even on two cores two unit, integration or API files at a time
    // finish well before one. The e2e files still run one at a time, after the rest (the app server prepares
    // meanwhile): their browser steps are timed, and two of them at once beside other work made them flaky.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        resolve: { alias },
        // pure functions with no global state: one worker runs the files one after another without reloading
        test: { name: 'unit', include: ['lib/**/*.test.ts', 'bin/**/*.test.ts'], environment: 'node', isolate: false },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/setup/database-template.ts'],
          setupFiles: ['tests/setup/database.ts'],
          env: testEnv,
          // CLI commands in child processes, two test files at a time: room for a busy machine
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'api',
          include: ['tests/api/**/*.test.ts'],
          globalSetup: ['tests/setup/database-template.ts'],
          setupFiles: ['tests/setup/database.ts', 'tests/setup/api.ts'],
          env: testEnv,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/setup/app-server.ts'],
          setupFiles: ['tests/setup/app-ready.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
