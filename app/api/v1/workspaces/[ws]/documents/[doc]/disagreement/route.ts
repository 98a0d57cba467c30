// GET /api/v1/workspaces/:ws/documents/:doc/disagreement — the document's disagreement map (claims with their
//   statistics, passage heat, reviewer pairs, alpha, opinion groups, consensus, double and implicit cruxes, the
//   spread per round), as the caller may see it under blind review; cached per data version
import { apiRoute } from '@/lib/api/handler';
import { documentParams } from '@/lib/api/params';
import { getDisagreementMapJson } from '@/lib/disagreement/queries';

export const GET = apiRoute({ auth: 'optional', params: documentParams }, async ({ viewer, params }) => {
  const body = await getDisagreementMapJson({ userId: viewer?.userId ?? null, workspace: params.ws, document: params.doc });
  return new Response(body, { headers: { 'content-type': 'application/json', 'cache-control': 'private, no-cache' } });
});
