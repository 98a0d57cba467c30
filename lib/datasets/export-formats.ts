// What each export format is sent as (media type, file name) and how the annotation formats (JSONL, CSV, W3C)
// turn batches of records into text, in chunks of about CHUNK_CHARS. The credences matrix: ./export-credences.ts.
import { csvHeader, csvLine } from './csv';
import type { passageFinder } from './export-passages';
import type { Scope } from './export-types';
import { filtersJson, jsonlLine, metaLine, PassageJsonCache, type ExportCounts } from './jsonl';
import type { ExportContext, ExportFormat, ExportRecord } from './model';
import { collectionFrame, w3cAnnotation, w3cReply, W3C_CONTENT_TYPE } from './w3c';

export const CHUNK_CHARS = 64 * 1024;

const contentTypes: Record<ExportFormat, string> = {
  jsonl: 'application/x-ndjson; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
  w3c: W3C_CONTENT_TYPE,
  credences: 'text/csv; charset=utf-8; header=present',
  'credence-claims': 'text/csv; charset=utf-8; header=present',
};

const extensions: Record<ExportFormat, string> = { jsonl: 'jsonl', csv: 'csv', w3c: 'jsonld', credences: 'credences.csv', 'credence-claims': 'claims.csv' };

export const contentTypeOf = (format: ExportFormat): string => contentTypes[format];

/** e.g. `my-workspace-annotations-2026-01-31T12-00-00-000Z.jsonl` */
export function exportFilename(workspaceSlug: string, format: ExportFormat, now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const what = format === 'credences' || format === 'credence-claims' ? 'credences' : 'annotations';
  return `${workspaceSlug}-${what}-${stamp}.${extensions[format]}`;
}

/** The text of a JSONL, CSV or W3C export: its head, one entry per record, its tail. `onRecord` counts progress. */
export async function* annotationChunks({
  format,
  scope,
  context,
  counts,
  now,
  batches,
  passages,
  onRecord,
}: {
  format: Exclude<ExportFormat, 'credences' | 'credence-claims'>;
  scope: Scope;
  context: ExportContext;
  counts: ExportCounts;
  now: Date;
  /** the records, read afresh for each pass over the chunks */
  batches: () => AsyncIterable<ExportRecord[]>;
  passages: ReturnType<typeof passageFinder>;
  onRecord: () => void;
}): AsyncGenerator<string, void, undefined> {
  const passageJson = new PassageJsonCache();
  let buffer = '';
  if (format === 'jsonl') {
    buffer += metaLine({
      exportedAt: now.toISOString(),
      workspace: scope.workspace,
      filters: filtersJson(scope.filters, context),
      counts,
    });
  } else if (format === 'csv') {
    buffer += csvHeader();
  }
  const frame =
    format === 'w3c'
      ? collectionFrame({
          id: `${context.baseUrl}/api/v1/workspaces/${encodeURIComponent(scope.workspace.slug)}/export?format=w3c&exportedAt=${encodeURIComponent(now.toISOString())}`,
          label: `${scope.workspace.name}: annotations`,
          total: counts.annotations + (counts.replies ?? 0),
          generated: now.toISOString(),
          baseUrl: context.baseUrl,
        })
      : null;
  if (frame) buffer += frame.head;
  let first = true;
  for await (const batch of batches()) {
    if (format !== 'w3c') await passages.load(batch);
    else await context.positions.load(batch.map((r) => r.versionId));
    for (const record of batch) {
      if (format === 'jsonl') buffer += jsonlLine(record, passages.of(record), context, passageJson);
      else if (format === 'csv') buffer += csvLine(record, passages.of(record), context);
      else {
        if (!first) buffer += (frame as { separator: string }).separator;
        buffer += JSON.stringify(w3cAnnotation(record, context, { standalone: false }));
        // its thread: each reply an annotation with motivation "replying"
        for (const reply of record.replies) {
          if (!reply.listed) continue;
          buffer += (frame as { separator: string }).separator + JSON.stringify(w3cReply(record, reply, context));
          onRecord(); // a W3C item too: progress counts it against the total
        }
      }
      first = false;
      onRecord();
      if (buffer.length >= CHUNK_CHARS) {
        yield buffer;
        buffer = '';
      }
    }
  }
  if (frame) buffer += frame.tail;
  if (buffer.length > 0) yield buffer;
}
