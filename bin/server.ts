// The app's server process, spawned by `cruxmap start` (`node --import tsx bin/server.ts start`) once the database is
// prepared, and by `cruxmap dev` with `dev`: Next's handler inside the server that stamps client addresses.
import { serveNext } from '../lib/server/serve-next';

await serveNext({ dev: process.argv[2] === 'dev' });
