// Commands that open the database first make sure no other process holds the embedded folder.
import { busyError, embeddedHolder } from '../database/embedded';
import { env, isEmbeddedDatabase } from '../env';

export function assertDatabaseAvailable(): void {
  if (!isEmbeddedDatabase() || env.CRUXMAP_DATA_DIR === 'memory://') return;
  const holder = embeddedHolder(env.CRUXMAP_DATA_DIR);
  if (holder !== null) throw busyError(env.CRUXMAP_DATA_DIR, holder);
}
