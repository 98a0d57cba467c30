// GET /api/v1/health — is the app up, and which database does it use ("embedded" PGlite or "postgres")
import { apiRoute } from '@/lib/api/handler';
import { checkHealth } from '@/lib/database/health';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({ auth: 'none' }, async () => {
  const health = await checkHealth();
  return Response.json(health, { status: health.status === 'ok' ? 200 : 503 });
});
