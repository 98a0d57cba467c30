// POST /api/v1/workspaces/:ws/import?format=w3c|hypothesis&document= — import an annotation file (the request body
//   is the file: W3C Web Annotation JSON-LD or Hypothesis API JSON) in one transaction (owners). Answers the counts
//   and the orphans (annotations whose quote could not be anchored, with the reason); a bad row is a 400 naming
//   its index, and nothing is written.
import { apiRoute } from '@/lib/api/handler';
import { workspaceParams } from '@/lib/api/params';
import { requestActor } from '@/lib/context/context';
import { loadWorkspaceContext } from '@/lib/context/queries';
import { importAnnotations } from '@/lib/datasets/import-mutations';
import { importQuerySchema } from '@/lib/datasets/schemas';
import { readBodyText } from '@/lib/api/body';
import { AppError } from '@/lib/errors';
import { LIMITS } from '@/lib/limits';

export const POST = apiRoute({ params: workspaceParams, query: importQuerySchema }, async ({ viewer, params, query, request }) => {
  // read only up to the limit: a larger file, even chunked, is a 413 at once
  const text = await readBodyText(request, LIMITS.body.annotationFileBytes, 'The file');
  if (text.trim() === '') throw new AppError('BAD_REQUEST', 'Send the annotation file as the request body.', { fields: { file: ['is empty'] } });
  // The body is the file, not JSON the wrapper parses: the context is built once the file is checked, so a missing
  // or oversized file is a 400 or 413 before the workspace is looked up, as for a bad JSON body elsewhere.
  const ctx = await loadWorkspaceContext({ actor: requestActor(viewer), workspace: params.ws, permission: 'importAnnotations' });
  const result = await importAnnotations({ ctx, text, format: query.format, document: query.document });
  return { import: result };
});
