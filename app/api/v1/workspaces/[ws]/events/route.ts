// GET /api/v1/workspaces/:ws/events — the workspace's live change feed as Server-Sent Events (members);
// ?document= narrows it to one document; resumes after the Last-Event-ID header (or ?lastEventId=)
import { apiRoute } from '@/lib/api/handler';
import { workspaceParams } from '@/lib/api/params';
import { bearerToken } from '@/lib/auth/viewer';
import { AppError } from '@/lib/errors';
import { eventsQuerySchema } from '@/lib/realtime/schemas';
import { openEventStream } from '@/lib/realtime/stream';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = apiRoute({ workspace: 'follow', params: workspaceParams, query: eventsQuerySchema }, async ({ request, viewer, ctx, query }) => {
  const header = request.headers.get('last-event-id');
  if (header !== null && !/^\d{1,18}$/.test(header.trim())) {
    throw new AppError('BAD_REQUEST', 'Last-Event-ID must be an event id.', { fields: { 'Last-Event-ID': ['must be an event id'] } });
  }
  return openEventStream({
    ctx,
    bearer: viewer.via === 'token' ? bearerToken(request) : null,
    document: query.document,
    lastEventId: header?.trim() ?? query.lastEventId,
    signal: request.signal,
  });
});
