// The app's server process, spawned by `cruxmap start` (`node --import tsx bin/server.ts start`) once the database is
// prepared, and by `cruxmap dev` with `dev`: Next's handler inside the server that stamps client addresses, and the
// notification jobs (due-date notices, the mail outbox) on a timer, and the map's table worker, started ahead of the first
// map (lib/disagreement/table-worker.ts).
import { startNotificationJobs } from '../lib/notifications/jobs';
import { startTableWorker } from '../lib/disagreement/table-worker';
import { serveNext } from '../lib/server/serve-next';

const stopJobs = startNotificationJobs();
void startTableWorker();
await serveNext({ dev: process.argv[2] === 'dev', onStop: stopJobs });
