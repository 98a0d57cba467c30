// The CLI in the test process: `cruxmap(args)` runs lib/cli/program.ts on this test file's database
// (tests/setup/database.ts) and answers what a user sees: the exit code and the text on standard output and error.
// `spawnCruxmap` runs the real `node bin/cruxmap.js` for what only a process shows.
import { spawnSync } from 'node:child_process';
import { Readable, Writable } from 'node:stream';
import { inspect } from 'node:util';
import { runCli } from '../../lib/cli/program';

export type CliResult = { code: number | null; stdout: string; stderr: string };

/** A stream that appends what is written to `chunks`; not a terminal, as when the output is piped. */
function collector(chunks: string[]): Writable {
  return new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _encoding, done) {
      chunks.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
      done();
    },
  });
}

/** Runs `cruxmap …args` in this process; `input` is its standard input (piped, not a terminal). */
export async function cruxmap(args: string[], input = ''): Promise<CliResult> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runCli(args, {
    log: (line) => stdout.push(`${line}\n`),
    error: (message) => stderr.push(`${typeof message === 'string' ? message : inspect(message)}\n`),
    stdout: collector(stdout),
    stderr: collector(stderr),
    stdin: Readable.from([Buffer.from(input)]),
  });
  return { code, stdout: stdout.join(''), stderr: stderr.join('') };
}

/** Runs `node bin/cruxmap.js …args` in a child process with `env` (by default this process's). */
export function spawnCruxmap(args: string[], options: { env?: NodeJS.ProcessEnv; input?: string } = {}): CliResult {
  const result = spawnSync(process.execPath, ['bin/cruxmap.js', ...args], {
    env: options.env ?? process.env,
    input: options.input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
