// The built app, started as `npm start` starts it (`bin/cruxmap.js start`) on a free port: the server of the e2e
// tests, the second and third instances of tests/e2e/live.test.ts and the bench's HTTP measurements. The server
// runs in its own process group so that stopping it also stops `next start`; a server still running when the
// process that started it is interrupted or exits is stopped too.
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { createServer } from 'node:net';
import { onInterrupt } from './cleanup';

export type AppServer = {
  baseUrl: string;
  /** the leader of the server's process group (the bench reads the group's CPU time) */
  pid: number;
  /** from spawning to the first successful answer of the ready path */
  startMs: number;
  stop: () => Promise<void>;
};

export type LaunchedApp = {
  baseUrl: string;
  /** the `cruxmap start` process (the leader of the server's process group) */
  pid: number;
  /** resolves with the milliseconds from spawning to ready; rejects (the server stopped) when it is not */
  ready: Promise<number>;
  stop: () => Promise<void>;
};

export type LaunchOptions = {
  env: NodeJS.ProcessEnv;
  readyPath?: string;
  timeoutMs?: number;
  /** where the server's output goes (discarded without) */
  logFile?: string;
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
 * Spawns `bin/cruxmap.js start` with `env` (PORT and NEXTAUTH_URL are set here) and returns at once; `ready`
 * settles when `readyPath` answers 2xx, or rejects, after stopping the server, when it exits early or is not
 * ready within `timeoutMs`.
 */
export async function launchApp({ env, readyPath = '/', timeoutMs = 180_000, logFile }: LaunchOptions): Promise<LaunchedApp> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const log = logFile ? openSync(logFile, 'a') : 'ignore';
  const started = performance.now();
  const child = spawn(process.execPath, ['bin/cruxmap.js', 'start'], {
    // TRUST_PROXY=1: the tests stand in for one proxy in front, each client's X-Forwarded-For its address (unless set)
    env: { TRUST_PROXY: '1', ...env, PORT: String(port), NEXTAUTH_URL: baseUrl },
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

  const ready = (async () => {
    while (performance.now() - started < timeoutMs) {
      if (child.exitCode !== null || child.signalCode !== null) {
        unregister();
        killGroup(child, 'SIGKILL');
        running.delete(child);
        throw new Error(`the app exited before serving (exit ${child.exitCode ?? child.signalCode})${logFile ? `; see ${logFile}` : ''}`);
      }
      const isReady = await fetch(`${baseUrl}${readyPath}`).then((r) => r.ok, () => false);
      if (isReady) return performance.now() - started;
      await new Promise((r) => setTimeout(r, 100));
    }
    await stop();
    throw new Error(`the app did not serve ${readyPath} within ${Math.round(timeoutMs / 1000)} s${logFile ? `; see ${logFile}` : ''}`);
  })();
  return { baseUrl, pid: child.pid ?? 0, ready, stop };
}

/** Starts the app as launchApp does and waits until it is ready. */
export async function startApp(options: LaunchOptions): Promise<AppServer> {
  const app = await launchApp(options);
  return { baseUrl: app.baseUrl, pid: app.pid, startMs: await app.ready, stop: app.stop };
}
