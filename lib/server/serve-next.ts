// `cruxmap start` and `cruxmap dev` serve the app here: Next's request handler inside the address-stamping server
// (./app-server.ts), listening on PORT, in this process. Stops cleanly on SIGINT/SIGTERM.
import next from 'next';
import { env, listenHost } from '../env';
import { createAddressStampingServer } from './app-server';

/** `onStop` runs first when the server stops (bin/server.ts stops its background jobs there). */
export async function serveNext({ dev, onStop }: { dev: boolean; onStop?: () => void }): Promise<void> {
  const app = next({ dev, dir: process.cwd(), port: env.PORT, hostname: 'localhost' });
  await app.prepare();
  const server = createAddressStampingServer({
    handle: app.getRequestHandler(),
    upgrade: dev ? app.getUpgradeHandler() : undefined,
    trustProxy: env.TRUST_PROXY,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(env.PORT, listenHost(), () => resolve());
  });
  console.log(`Cruxmap: listening on http://localhost:${env.PORT} (on ${listenHost()}, ${dev ? 'development' : 'production'}, ${env.TRUST_PROXY} trusted prox${env.TRUST_PROXY === 1 ? 'y' : 'ies'})`);
  const stop = () => {
    onStop?.();
    server.close();
    server.closeAllConnections();
    void app.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  process.once('SIGHUP', stop);
}
