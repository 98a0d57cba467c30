// The export's rows on the embedded PGlite, where there is no connection of our own to hold a cursor open on:
// keyset pages on (createdAt, id), each one SQL statement answering one JSON text, parsed once in Node. The next
// page is asked for as soon as one arrives, so the database reads page k+1 while page k is written: at most two
// pages are in memory.
import { replicaDb } from '../db';
import { Prisma } from '../generated/prisma/client';
import { annotationWhere, EXPORT_FROM_SQL, exportColumnsSql, recordFrom, type Row } from './export-sql';
import type { Scope } from './export-types';
import type { ExportRecord } from './model';

async function* prefetching(fetchNext: (previous: ExportRecord[] | null) => Promise<ExportRecord[]> | null): AsyncGenerator<ExportRecord[]> {
  let pending: Promise<ExportRecord[]> | null = fetchNext(null);
  while (pending) {
    const records: ExportRecord[] = await pending;
    pending = fetchNext(records);
    // an abandoned export (the consumer went away) must not leave a rejected prefetch unobserved
    pending?.catch(() => undefined);
    if (records.length > 0) yield records;
  }
}

export async function* keysetBatches(scope: Scope, options: { replies: boolean; emails: boolean; batchSize: number }): AsyncGenerator<ExportRecord[]> {
  const columns = exportColumnsSql({ replies: options.replies, emails: options.emails, isOwner: scope.isOwner, viewerId: scope.viewerId });
  const where = annotationWhere(scope);
  const fetchAfter = async (cursor: { at: string; id: string } | null): Promise<ExportRecord[]> => {
    const after: Prisma.Sql = cursor ? Prisma.sql`AND (a."createdAt", a.id) > (${cursor.at}::timestamp, ${cursor.id})` : Prisma.empty;
    const result: { data: string }[] = await replicaDb.$queryRaw<{ data: string }[]>`
      SELECT coalesce(json_agg(s.r ORDER BY s."createdAt", s.id), '[]'::json)::text AS data
        FROM (SELECT ${columns} AS r, a."createdAt", a.id
                FROM ${EXPORT_FROM_SQL}
               WHERE ${where} ${after}
               ORDER BY a."createdAt", a.id
               LIMIT ${options.batchSize}) s`;
    return (JSON.parse(result[0]?.data ?? '[]') as Row[]).map(recordFrom);
  };
  yield* prefetching((previous) => {
    if (previous === null) return fetchAfter(null);
    const last = previous[previous.length - 1];
    return previous.length === options.batchSize && last ? fetchAfter({ at: last.createdAt, id: last.id }) : null;
  });
}
