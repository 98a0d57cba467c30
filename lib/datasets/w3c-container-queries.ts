// The W3C container's reads (./w3c-container.ts): its state, one page of annotations, one annotation. Rows and
// order are the export's (./export-sql.ts).
import { db } from '../db';
import { countAnnotations } from './export-queries';
import { annotationWhere, EXPORT_FROM_SQL, exportColumnsSql, recordFrom, type Row } from './export-sql';
import type { Scope } from './export-types';
import type { ExportRecord } from './model';

/** What the container's answers and ETags are made from: the count, the newest change event, the last change. */
export async function containerState(scope: Scope): Promise<{ total: number; latest: string; modified: string | null }> {
  const [counts, latest, modified] = await Promise.all([
    countAnnotations(scope),
    db.changeEvent.findFirst({ where: { workspaceId: scope.workspace.id }, orderBy: { id: 'desc' }, select: { id: true } }),
    db.annotation.aggregate({ where: { workspaceId: scope.workspace.id, deletedAt: null }, _max: { updatedAt: true } }),
  ]);
  return { total: counts.annotations, latest: latest?.id.toString() ?? '0', modified: modified._max.updatedAt?.toISOString() ?? null };
}

/** One page of annotations by position (the W3C protocol's pages): same order and rows as the export. */
export async function readAnnotationPage({ scope, offset, limit }: { scope: Scope; offset: number; limit: number }): Promise<ExportRecord[]> {
  const columns = exportColumnsSql({ replies: false, emails: false, isOwner: scope.isOwner, viewerId: scope.viewerId });
  const result = await db.$queryRaw<{ data: string }[]>`
    SELECT coalesce(json_agg(s.r ORDER BY s."createdAt", s.id), '[]'::json)::text AS data
      FROM (SELECT ${columns} AS r, a."createdAt", a.id
              FROM ${EXPORT_FROM_SQL}
             WHERE ${annotationWhere(scope)}
             ORDER BY a."createdAt", a.id
             OFFSET ${offset} LIMIT ${limit}) s`;
  return (JSON.parse(result[0]?.data ?? '[]') as Row[]).map(recordFrom);
}

/** One annotation by id, if this scope shows it. */
export async function readAnnotationRecord({ scope, id }: { scope: Scope; id: string }): Promise<ExportRecord | null> {
  const columns = exportColumnsSql({ replies: false, emails: false, isOwner: scope.isOwner, viewerId: scope.viewerId });
  const result = await db.$queryRaw<{ data: string | null }[]>`
    SELECT (${columns})::text AS data FROM ${EXPORT_FROM_SQL} WHERE ${annotationWhere(scope)} AND a.id = ${id}`;
  const data = result[0]?.data;
  return data ? recordFrom(JSON.parse(data) as Row) : null;
}
