// Per e2e file: waits until the app the global setup launched answers, or fails the file at once (with the server's
// output) when it stopped instead.
import { readFile } from 'node:fs/promises';
import { beforeAll, inject } from 'vitest';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  const health = `${inject('baseUrl')}/api/v1/health`;
  for (;;) {
    if (await fetch(health).then((r) => r.ok, () => false)) return;
    if (!isAlive(inject('appPid'))) {
      const log = await readFile(inject('appLog'), 'utf8').catch(() => '');
      throw new Error(`the app stopped before serving ${health}:\n${log.slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}, 600_000);
