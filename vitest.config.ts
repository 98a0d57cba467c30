// Four projects: unit (pure logic beside the code), integration (a real database per test file), api (the route
// handlers called in the test process, a Request in and a Response out, on a database of their own per file) and
// e2e (the built app in Debian's Chromium, and what only the built app does). `npm test` runs all four.
import { readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const alias = { '@': fileURLToPath(new URL('.', import.meta.url)) };
/**
 * CRUXMAP_E2E_PART=k/n: only the k-th of n parts of the e2e files. `.ci/run` runs the suite on both databases and
 * gives each run one half of the browser files (every file runs once, each database serves half of them): the
 * browser tests are what the two runs would otherwise both spend most of their time on. Files go, largest first,
 * to the part with the fewest bytes so far, so the parts take about as long and a new file lands somewhere.
 * Unset, every e2e file runs.
 */
function e2eFiles(part: string | undefined): string[] {
  const dir = 'tests/e2e';
  const all = readdirSync(dir).filter((f) => f.endsWith('.test.ts')).sort();
  if (!part) return all.map((f) => `${dir}/${f}`);
  const match = /^(\d+)\/(\d+)$/.exec(part);
  const [k, n] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  if (!(n >= 1 && k >= 1 && k <= n)) throw new Error(`CRUXMAP_E2E_PART must be k/n with 1 ≤ k ≤ n, not ${part}`);
  const sizes = new Map(all.map((f) => [f, statSync(`${dir}/${f}`).size]));
  const parts = Array.from({ length: n }, () => ({ bytes: 0, files: [] as string[] }));
  for (const file of [...all].sort((a, b) => (sizes.get(b) as number) - (sizes.get(a) as number) || a.localeCompare(b))) {
    const lightest = parts.reduce((best, p) => (p.bytes < best.bytes ? p : best));
    lightest.bytes += sizes.get(file) as number;
    lightest.files.push(`${dir}/${file}`);
  }
  return (parts[k - 1] as { files: string[] }).files;
}

/**
 * The workspace statement audit (tests/setup/statement-audit.ts) after every integration and API file, unless
 * CRUXMAP_STATEMENT_AUDIT=off: `.ci/run` audits in its PostgreSQL run only, which sends the same statements and the
 * export cursor's and COPY's besides.
 */
const audit = process.env.CRUXMAP_STATEMENT_AUDIT === 'off' ? [] : ['tests/setup/statement-audit.ts'];

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
          // statement-audit.ts last: its afterAll runs before database.ts closes the database
          setupFiles: ['tests/setup/database.ts', ...audit],
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
          setupFiles: ['tests/setup/database.ts', ...audit, 'tests/setup/api.ts'],
          env: testEnv,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: e2eFiles(process.env.CRUXMAP_E2E_PART),
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
