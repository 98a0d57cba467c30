// Streaming dataset exports: JSONL, CSV and W3C annotations, and the credences matrix. Access and filters are
// resolved and counted first (./export-scope.ts); then the text is made in chunks pulled by the consumer (an HTTP
// ReadableStream, ./export-stream.ts, or a file stream), from rows read in batches a little ahead of it (a
// server-side cursor on PostgreSQL, keyset pages on PGlite), so memory stays bounded whatever the count. Emails only
// for owners and the operator's CLI, never in a pseudonymised export; blind review hides others' probability values
// as it does everywhere else.
import { exportContext } from './export-context';
import { credenceClaims, credenceMatrix } from './export-credences';
import { annotationChunks, contentTypeOf, exportFilename } from './export-formats';
import { passageFinder } from './export-passages';
import { annotationBatches, blindFor, countAnnotations, countReplies, loadClaimHistory } from './export-queries';
import { resolveScope } from './export-scope';
import { authorize, type WorkspaceContext } from '../context/context';
import type { ExportCounts } from './jsonl';
import type { ExportFilters, ExportFormat } from './model';

/** Rows per database round trip: large enough that per-statement costs vanish, small enough to stay flat. */
export const EXPORT_BATCH_SIZE = 2000;

export type PreparedExport = {
  format: ExportFormat;
  contentType: string;
  filename: string;
  /** annotations (or, for credences, reviewer rows) the export will hold */
  total: number;
  counts: ExportCounts;
  /** the export's text, in chunks of a few tens of kilobytes; pulled, so it never runs ahead of the consumer */
  chunks: () => AsyncGenerator<string, void, undefined>;
  /** annotations (rows) written so far */
  progress: () => number;
};

/** Checks access and filters, counts, and returns the export ready to stream. */
export async function prepareExport({
  ctx,
  format,
  filters,
  batchSize = EXPORT_BATCH_SIZE,
  now = new Date(),
}: {
  ctx: WorkspaceContext;
  format: ExportFormat;
  filters: ExportFilters;
  batchSize?: number;
  now?: Date;
}): Promise<PreparedExport> {
  authorize(ctx, 'export');
  const scope = await resolveScope({ ctx, filters });
  const emails = scope.isOwner && !filters.pseudonymise;
  const blind = await blindFor(scope);
  // rounds and merges are written by the flat files and the matrix's claims file only (not by W3C or the matrix)
  const history = format === 'csv' || format === 'jsonl' || format === 'credence-claims' ? await loadClaimHistory(scope.workspace.id) : undefined;
  const context = exportContext(scope, blind, { pseudonymise: filters.pseudonymise, emails }, history);
  const filename = exportFilename(scope.workspace.slug, format, now);
  let written = 0;

  if (format === 'credence-claims') {
    const list = await credenceClaims(scope, context, () => (written += 1));
    return {
      format,
      contentType: contentTypeOf(format),
      filename,
      total: list.claims,
      counts: { annotations: 0, byKind: {}, documents: scope.documentIds?.length ?? 0, authors: 0 },
      chunks: list.chunks,
      progress: () => written,
    };
  }

  if (format === 'credences') {
    const matrix = await credenceMatrix(scope, blind, context, batchSize, () => (written += 1));
    return {
      format,
      contentType: contentTypeOf(format),
      filename,
      total: matrix.reviewers,
      counts: { annotations: 0, byKind: {}, documents: scope.documentIds?.length ?? 0, authors: matrix.reviewers },
      chunks: matrix.chunks,
      progress: () => written,
    };
  }

  const counts = await countAnnotations(scope);
  if (format === 'w3c') counts.replies = await countReplies(scope);
  const passages = passageFinder(scope.workspace.id);
  const replies = format === 'jsonl' || format === 'csv' || format === 'w3c';
  const chunks = () =>
    annotationChunks({
      format,
      scope,
      context,
      counts,
      now,
      batches: () => annotationBatches(scope, { replies, emails, batchSize }),
      passages,
      onRecord: () => (written += 1),
    });
  return { format, contentType: contentTypeOf(format), filename, total: counts.annotations + (counts.replies ?? 0), counts, chunks, progress: () => written };
}
