// GET /api/v1/workspaces/:ws/w3c/annotations/ — the W3C Web Annotation Protocol container of the workspace's
//   annotations (readers): an AnnotationCollection paged into AnnotationPages (`?page=N&iris=0|1`), the
//   representation chosen by the `Prefer` header (PreferMinimalContainer, PreferContainedIRIs,
//   PreferContainedDescriptions). The trailing slash is part of the address (next.config.js keeps it).
import { apiRoute } from '@/lib/api/handler';
import { workspaceParams } from '@/lib/api/params';
import { containerQuerySchema } from '@/lib/datasets/schemas';
import { ALLOW, containerAnswer } from '@/lib/datasets/w3c-container';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({ auth: 'optional', workspace: 'read', params: workspaceParams, query: containerQuerySchema }, async ({ ctx, query, request }) => {
  const answer = await containerAnswer({ request, ctx, page: query.page, iris: query.iris });
  return new Response(answer.body === null ? null : JSON.stringify(answer.body), { status: answer.status, headers: answer.headers });
});

export function OPTIONS(): Response {
  return new Response(null, { status: 204, headers: { Allow: ALLOW } });
}
