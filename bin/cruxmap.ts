// The command-line entry point: `npx cruxmap <command>` (lib/cli/program.ts) with the process's streams. Usage
// mistakes exit 2, failures exit 1.
import { runCli } from '../lib/cli/program';

const code = await runCli(process.argv.slice(2), {
  log: (line) => console.log(line),
  error: (message) => console.error(message),
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
});

/** Closes the database if a command opened it: PGlite flushes and the folder's lock is released. */
async function closeDatabase(): Promise<void> {
  const state = (globalThis as { cruxmapDb?: { close: () => Promise<void> } }).cruxmapDb;
  await state?.close().catch(() => {});
}

/**
 * Resolves once what was written to `stream` is with the system (process.exit drops output still queued for a pipe),
 * or once the reader has gone (EPIPE, as with `| head`): then there is nobody left to tell.
 */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    stream.once('error', () => resolve());
    stream.write('', () => resolve());
  });
}

await closeDatabase();
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
// The WASM schema engine leaves a timer pending: exit explicitly once the command is done.
process.exit(code);
