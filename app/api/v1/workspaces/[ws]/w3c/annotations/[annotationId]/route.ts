// GET /api/v1/workspaces/:ws/w3c/annotations/:annotationId — one annotation in the W3C Web Annotation model, at the
//   IRI the exports and the container name it by (readers).
import { apiRoute } from '@/lib/api/handler';
import { annotationParams } from '@/lib/api/params';
import { ALLOW, annotationAnswer } from '@/lib/datasets/w3c-container';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({ auth: 'optional', workspace: 'read', params: annotationParams }, async ({ ctx, params, request }) => {
  const answer = await annotationAnswer({ request, ctx, id: params.annotationId });
  return new Response(answer.body === null ? null : JSON.stringify(answer.body), { status: answer.status, headers: answer.headers });
});

export function OPTIONS(): Response {
  return new Response(null, { status: 204, headers: { Allow: ALLOW } });
}
