// `cruxmap workspace dump`: the whole workspace as dump lines (./format.ts) — header (workspace, the accounts its
// rows name), every row of every table in DUMP_TABLES order a page at a time, end record with the counts. Pulled
// by the writer, so memory holds a page.
import { dumpRows, dumpUsers, dumpWorkspace } from './dump-queries';
import { DUMP_FORMAT, DUMP_TABLES, DUMP_VERSION, type DumpLine } from './format';

export async function* workspaceDumpLines(slug: string, { batchSize = 1000, now = new Date() }: { batchSize?: number; now?: Date } = {}): AsyncGenerator<DumpLine> {
  const workspace = await dumpWorkspace(slug);
  yield { type: 'header', format: DUMP_FORMAT, version: DUMP_VERSION, dumpedAt: now.toISOString(), workspace, users: await dumpUsers(workspace.id) };
  const counts: Record<string, number> = {};
  for (const spec of DUMP_TABLES) {
    let n = 0;
    for await (const rows of dumpRows(spec, workspace.id, batchSize)) {
      for (const row of rows) yield { type: 'row', table: spec.table, row };
      n += rows.length;
    }
    counts[spec.table] = n;
  }
  yield { type: 'end', counts };
}
