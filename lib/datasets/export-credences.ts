// The credences export: the reviewer × claim matrix of current credences, one CSV row per reviewer, paged from the
// database by (userId, claimId). Blind review shows a hidden claim's other values only as last revealed.
import type { BlindFilter } from '../disagreement/blind';
import { credenceClaimRow, credenceClaimsHeader, credenceHeader, credenceRow } from './csv';
import { CHUNK_CHARS } from './export-formats';
import { claimStatements, countCredenceReviewers, credenceClaimIds, credencePage } from './export-queries';
import { credenceWhere } from './export-sql';
import type { Scope } from './export-types';
import type { ExportContext } from './model';

/**
 * Columns: claims with at least one current credence (those named on the filtered documents, when filtered);
 * rows: reviewers. `onRow` is called for each reviewer row written.
 */
export async function credenceMatrix(scope: Scope, blind: BlindFilter | null, context: ExportContext, batchSize: number, onRow: () => void) {
  const where = credenceWhere(scope);
  const claimIds = await credenceClaimIds(where);
  const reviewers = await countCredenceReviewers(where);
  const revealed = new Map<string, number>();
  for (const [claimId, list] of blind?.revealed ?? []) for (const c of list) revealed.set(`${claimId}\n${c.userId}`, c.value);

  async function* chunks(): AsyncGenerator<string, void, undefined> {
    let buffer = credenceHeader(claimIds);
    let cursor: { userId: string; claimId: string } | null = null;
    let current = null as { id: string; name: string; values: Map<string, number> } | null;
    const flush = () => {
      if (!current) return;
      const person = context.identities.user(current.id, current.name, null);
      buffer += credenceRow({ id: person.id, name: person.name }, current.values, claimIds);
      onRow();
    };
    for (;;) {
      const rows = await credencePage(where, cursor, batchSize);
      for (const [userId, name, claimId, value] of rows) {
        if (current?.id !== userId) {
          flush();
          current = { id: userId, name, values: new Map() };
        }
        const hidden = blind?.hidden.has(claimId) && userId !== scope.viewerId;
        const shown = hidden ? revealed.get(`${claimId}\n${userId}`) : value;
        if (shown !== undefined) current.values.set(claimId, shown);
      }
      if (buffer.length >= CHUNK_CHARS) {
        yield buffer;
        buffer = '';
      }
      if (rows.length < batchSize) break;
      const last = rows[rows.length - 1] as [string, string, string, number];
      cursor = { userId: last[0], claimId: last[2] };
    }
    flush();
    if (buffer.length > 0) yield buffer;
  }
  return { reviewers, chunks };
}

/**
 * The matrix's claims file (format `credence-claims`): `claim_id,statement,merged_from`, one row per column of the
 * matrix the same filters give, in its order — what a bare claim id in the matrix's header stands for. Statements
 * a moderator hid read as they do in the app for this viewer.
 */
export async function credenceClaims(scope: Scope, context: ExportContext, onRow: () => void) {
  const claimIds = await credenceClaimIds(credenceWhere(scope));
  async function* chunks(): AsyncGenerator<string, void, undefined> {
    let buffer = credenceClaimsHeader();
    for (let at = 0; at < claimIds.length; at += 1000) {
      const ids = claimIds.slice(at, at + 1000);
      const statements = await claimStatements(scope.workspace.id, ids, { isOwner: scope.isOwner, viewerId: scope.viewerId });
      for (const id of ids) {
        buffer += credenceClaimRow({ id, statement: statements.get(id) ?? '', mergedFrom: context.claims.mergedFrom(id) });
        onRow();
      }
      if (buffer.length >= CHUNK_CHARS) {
        yield buffer;
        buffer = '';
      }
    }
    if (buffer.length > 0) yield buffer;
  }
  return { claims: claimIds.length, chunks };
}
