// The built app, started as `npm start` starts it (`bin/cruxmap.js start`) on a free port, for the bench's
// HTTP measurements. The server runs in its own process group so that stopping it also stops `next start`;
// a server still running when the bench is interrupted or exits is stopped too.
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { createServer } from 'node:net';
import { onInterrupt } from './cleanup';

export type AppServer = {
  baseUrl: string;
  /** from spawning to the first successful answer of the ready path */
  startMs: number;
  stop: () => Promise<void>;
};

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
  });
}

const running = new Set<ChildProcess>();

/** Signals the server's whole process group (`cruxmap start` and the `next start` it spawned). */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (!child.pid) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

// the last resort: whatever still runs when the bench exits is killed outright
process.on('exit', () => {
  for (const child of running) killGroup(child, 'SIGKILL');
});

/**
 * Starts `bin/cruxmap.js start` with `env` (PORT is set here) and waits until `readyPath` answers 2xx.
 * Throws, after stopping the server, when it exits early or is not ready within `timeoutMs`.
 */
export async function startApp({
  env,
  readyPath = '/',
  timeoutMs = 180_000,
  logFile,
}: {
  env: NodeJS.ProcessEnv;
  readyPath?: string;
  timeoutMs?: number;
  /** where the server's output goes (discarded without) */
  logFile?: string;
}): Promise<AppServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const log = logFile ? openSync(logFile, 'a') : 'ignore';
  const started = performance.now();
  const child = spawn(process.execPath, ['bin/cruxmap.js', 'start'], {
    env: { ...env, PORT: String(port), NEXTAUTH_URL: baseUrl },
    stdio: ['ignore', log, log],
    detached: true,
  });
  if (typeof log === 'number') closeSync(log);
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  let unregister = () => {};
  const stop = async () => {
    unregister();
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
    // `next start` is the grandchild: make sure nothing of the group survives its parent
    killGroup(child, 'SIGKILL');
    running.delete(child);
  };
  unregister = onInterrupt(stop);

  while (performance.now() - started < timeoutMs) {
    if (child.exitCode !== null || child.signalCode !== null) {
      unregister();
      killGroup(child, 'SIGKILL');
      running.delete(child);
      throw new Error(`the app exited before serving (exit ${child.exitCode ?? child.signalCode})${logFile ? `; see ${logFile}` : ''}`);
    }
    const isReady = await fetch(`${baseUrl}${readyPath}`).then((r) => r.ok, () => false);
    if (isReady) return { baseUrl, startMs: performance.now() - started, stop };
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`the app did not serve ${readyPath} within ${Math.round(timeoutMs / 1000)} s${logFile ? `; see ${logFile}` : ''}`);
}
