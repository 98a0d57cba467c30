// GET /api/v1/health — is the app up, and which database does it use ("embedded" PGlite or "postgres"); 503 with
// Retry-After and a message while the database cannot be reached
import { apiRoute } from '@/lib/api/handler';
import { checkHealth } from '@/lib/database/health';
import { DATABASE_RETRY_AFTER_SECONDS } from '@/lib/errors';
import { json } from '@/lib/api/json';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({ auth: 'none' }, async () => {
  const health = await checkHealth();
  if (health.status === 'ok') return json(health);
  return json(health, { status: 503, headers: { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) } });
});
