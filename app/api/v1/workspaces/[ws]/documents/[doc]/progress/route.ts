// GET /api/v1/workspaces/:ws/documents/:doc/progress — who has reviewed the document (owners):
//   {claims, claimsWithFiveRatings, reviewers:[{userId,name,claimsRated,annotations,lastActiveAt,assignment}]}
import { getDocumentProgress } from '@/lib/assignments/queries';
import { apiRoute } from '@/lib/api/handler';
import { documentParams } from '@/lib/api/params';

export const GET = apiRoute({ workspace: 'seeProgress', params: documentParams }, async ({ ctx, params }) => getDocumentProgress({ ctx, document: params.doc }));
