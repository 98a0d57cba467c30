// The table worker's thread (started by table-worker.ts): the map's table parts — reviewer pairs, alpha, implicit
// cruxes — from a table's ids and ℓ matrix, one request at a time, answered with the same numbers the request's
// thread would compute (tableFromLogits rebuilds the columns those analyses read). The pair ranking's arrays are
// moved back, not copied. Before it says it is ready it runs the analyses a few times on a generated table: the
// JIT has compiled them by the first map, as it has the request's thread's code by then.
import { parentPort } from 'node:worker_threads';
import { tableParts } from '../aggregation/map';
import { logit } from '../aggregation/math';
import { tableFromLogits } from '../aggregation/table';
import { seededRandom } from '../seeded-random';
import type { TableRequest, TableResponse } from './table-worker';

const port = parentPort;
if (port) {
  port.on('message', (request: TableRequest) => {
    let response: TableResponse;
    try {
      const parts = tableParts(tableFromLogits(request.claimIds, request.reviewerIds, request.logits), { implicitCruxLimit: request.implicitCruxLimit });
      response = { id: request.id, parts };
      const r = parts.pairRanking;
      port.postMessage(response, [r.a.buffer, r.b.buffer, r.shared.buffer, r.meanAbsLogitDiff.buffer, r.sameSideShare.buffer] as ArrayBuffer[]);
    } catch (error) {
      response = { id: request.id, error: error instanceof Error ? error.message : String(error) };
      port.postMessage(response);
    }
  });
  warmUp();
  port.postMessage({ ready: true } satisfies TableResponse);
}

/** The analyses, three times over a generated table of 60 reviewers × 300 claims (about 50 ms in all). */
function warmUp(): void {
  const random = seededRandom(19);
  const claimIds = Array.from({ length: 300 }, (_, c) => `warm-up-${c}`);
  const reviewerIds = Array.from({ length: 60 }, (_, r) => `warm-up-${r}`);
  const logits = new Float64Array(claimIds.length * reviewerIds.length).fill(Number.NaN);
  for (let cell = 0; cell < logits.length; cell++) if (random() < 0.5) logits[cell] = logit(random());
  for (let i = 0; i < 3; i++) tableParts(tableFromLogits(claimIds, reviewerIds, logits));
}
