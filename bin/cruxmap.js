#!/usr/bin/env node
// `npx cruxmap`: runs the TypeScript CLI through tsx, so it shares lib/ with the app without a build step.
// `cruxmap export` runs in a child process with a fixed V8 heap (128 MB old space, small young space): its live
// data is a batch or two, and without the cap V8 lets the heap of a long, allocation-heavy export grow lazily.
// CRUXMAP_EXPORT_HEAP marks that child (lib/env.ts reads every setting; this runs before TypeScript can load).
import { spawn } from 'node:child_process';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const EXPORT_HEAP_FLAGS = ['--max-old-space-size=128', '--max-semi-space-size=4'];

if (process.argv[2] === 'export' && process.env.CRUXMAP_EXPORT_HEAP !== 'capped') {
  const child = spawn(process.execPath, [...EXPORT_HEAP_FLAGS, ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, CRUXMAP_EXPORT_HEAP: 'capped' },
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./cruxmap.ts');
}
