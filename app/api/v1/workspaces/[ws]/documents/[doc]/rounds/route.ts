// GET /api/v1/workspaces/:ws/documents/:doc/rounds — the document's rounds of review: round 1 from its creation,
//   then every round an owner opened
// POST /api/v1/workspaces/:ws/documents/:doc/rounds — open the next round (owners): 201 {round}. On a blind
//   document it reveals the credences given so far to every reader.
import { apiRoute } from '@/lib/api/handler';
import { documentParams } from '@/lib/api/params';
import { openRound } from '@/lib/disagreement/mutations';
import { listRounds } from '@/lib/disagreement/queries';
import { json } from '@/lib/api/json';

export const GET = apiRoute({ auth: 'optional', workspace: 'read', params: documentParams }, async ({ ctx, params }) =>
  listRounds({ ctx, document: params.doc }),
);

// opening a round is a workspace write: an unreadable workspace says so, as it always has
export const POST = apiRoute({ workspace: 'openRound', notFound: 'Workspace not found.', params: documentParams }, async ({ ctx, params }) =>
  json({ round: await openRound({ ctx, document: params.doc }) }, { status: 201 }),
);
