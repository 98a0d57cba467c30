// The demo preset's batch writer against the reference, the API's own mutations: one bundled document loaded each
// way into a database of its own (two fresh databases), then every table compared row for row. What must differ
// is normalised: ids (random in both) become labels given in a content order, so references still have to point at
// the same rows; times become "how many audit entries are older", which keeps the order of everything against the
// journal (a rating before or after the round opened, an annotation's edit after its creation) without the
// milliseconds. The audit log's and the change feed's own times are checked to follow their ids instead.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, inject, it, vi } from 'vitest';
import { createThrowawayDatabase } from '../support/throwaway-database';

type Row = Record<string, unknown>;
type Tables = Map<string, Row[]>;
type Loaded = { tables: Tables; timeColumns: Map<string, Set<string>>; ms: number; report: { annotations: number; claims: number; replies: number } };

const holder = globalThis as { cruxmapDb?: unknown };
const fileDatabaseUrl = process.env.DATABASE_URL;

/** A fresh database for the next `import('lib/db')`: a throwaway copy of the migrated template, or in-memory PGlite. */
async function freshDatabase(): Promise<() => Promise<void>> {
  if (!fileDatabaseUrl) return async () => {};
  const template = inject('databaseTemplate');
  const server = new URL(fileDatabaseUrl);
  server.pathname = '/postgres';
  const throwaway = await createThrowawayDatabase(server.toString(), 'cruxmap_test', template.kind === 'postgres' ? template.name : undefined);
  process.env.DATABASE_URL = throwaway.url;
  return throwaway.drop;
}

/** Every table's rows as JSON (tsvector as its text), and each table's time columns. */
async function readTables(query: <T>(sql: string) => Promise<T[]>): Promise<Pick<Loaded, 'tables' | 'timeColumns'>> {
  const columns = await query<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT table_name, column_name, data_type FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name <> '_prisma_migrations'`,
  );
  const tables: Tables = new Map();
  const timeColumns = new Map<string, Set<string>>();
  for (const c of columns) {
    if (!timeColumns.has(c.table_name)) timeColumns.set(c.table_name, new Set());
    if (c.data_type.startsWith('timestamp')) timeColumns.get(c.table_name)?.add(c.column_name);
  }
  for (const table of [...timeColumns.keys()].sort()) {
    const rows = await query<{ row: Row }>(`SELECT to_jsonb(t) AS row FROM "${table}" t`);
    tables.set(table, rows.map((r) => (typeof r.row === 'string' ? (JSON.parse(r.row) as Row) : r.row)));
  }
  return { tables, timeColumns };
}

/** One bundled document, its workspace and owner, and the demo preset written by `writer`, in a fresh database. */
async function loadWith(writer: 'mutations' | 'batch'): Promise<Loaded> {
  vi.resetModules();
  delete holder.cruxmapDb;
  const drop = await freshDatabase();
  const { db, closeDb } = await import('../../lib/db');
  try {
    const { operatorActor, workspaceContext } = await import('../../lib/context/context');
    const { ensureWorkspace, setMembership } = await import('../../lib/workspaces/mutations');
    const { importDocument } = await import('../../lib/documents/mutations');
    const { contentDir, readBundledManifest } = await import('../../lib/documents/bundled-corpus');
    const { ensureDemoUser } = await import('../../lib/demo/mutations');
    const { loadDemoPreset } = await import('../../lib/demo/generate');

    const manifest = await readBundledManifest();
    const entry = manifest.documents[0] as (typeof manifest.documents)[number];
    const { workspace } = await ensureWorkspace({ slug: 'demo-compare', name: 'Demo compared' });
    const ctx = workspaceContext(operatorActor, workspace, null);
    const owner = await ensureDemoUser({ email: 'owner@example.test', name: 'Owner' });
    await setMembership({ ctx, userId: owner.id, role: 'owner' });
    const text = await readFile(path.join(contentDir(), entry.file), 'utf8');
    await importDocument({ ctx, input: { ...entry, text, filename: entry.file } });

    const report = await loadDemoPreset({ workspaceId: workspace.id, ownerId: owner.id, writer });
    expect(report.status).toBe('created');
    const loaded = await readTables((sql) => db.$queryRawUnsafe(sql));
    return { ...loaded, ms: report.ms, report: { annotations: report.annotations, claims: report.claims, replies: report.replies } };
  } finally {
    await closeDb();
    delete holder.cruxmapDb;
    await drop();
    if (fileDatabaseUrl) process.env.DATABASE_URL = fileDatabaseUrl;
  }
}

const ID_TOKEN = /[a-z0-9-]{20,}/gi;

/** Replaces every id inside a value (strings, JSON, keys like "annotation:<id>") by its label, or `unknown`. */
function relabel(value: unknown, labels: Map<string, string>, unknown: (id: string) => string): unknown {
  if (typeof value === 'string') return value.replace(ID_TOKEN, (token) => labels.get(token) ?? unknown(token));
  if (Array.isArray(value)) return value.map((v) => relabel(v, labels, unknown));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Row).map(([k, v]) => [k, relabel(v, labels, unknown)]));
  }
  return value;
}

/** Sorted keys, so that equal rows serialise equally. */
const stable = (value: unknown): string =>
  JSON.stringify(value, (_, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Row).sort(([a], [b]) => a.localeCompare(b))) : v,
  );

/**
 * The database with ids as labels and times as the number of older audit entries. A table's rows are labelled in
 * the order of their content (ids of other rows masked, then their labels once known, a few passes), ties in
 * the order of their times.
 */
function normalise({ tables, timeColumns }: Pick<Loaded, 'tables' | 'timeColumns'>): Map<string, string[]> {
  const ids = new Set<string>();
  for (const rows of tables.values()) for (const row of rows) if (typeof row.id === 'string') ids.add(row.id);
  const auditTimes = (tables.get('AuditLog') ?? []).map((r) => Date.parse(r.createdAt as string)).sort((a, b) => a - b);
  const olderAudits = (time: string): number => {
    const t = Date.parse(time);
    let n = 0;
    while (n < auditTimes.length && (auditTimes[n] as number) < t) n++;
    return n;
  };
  // the journal's own times: only that they follow the journal's order
  const ownTimes = new Set(['AuditLog.createdAt', 'ChangeEvent.createdAt']);
  const times = (table: string, row: Row): Row => {
    const out: Row = { ...row };
    for (const column of timeColumns.get(table) ?? []) {
      const value = row[column];
      if (typeof value === 'string') out[column] = ownTimes.has(`${table}.${column}`) ? 'set' : olderAudits(value);
    }
    return out;
  };
  let labels = new Map<string, string>();
  for (let pass = 0; pass < 4; pass++) {
    const next = new Map<string, string>();
    for (const [table, rows] of tables) {
      if (!rows.some((r) => typeof r.id === 'string')) continue;
      const keyed = rows.map((row) => {
        const { id, ...rest } = times(table, row);
        const firstTime = Math.min(...[...(timeColumns.get(table) ?? [])].map((c) => (typeof row[c] === 'string' ? Date.parse(row[c]) : Infinity)));
        return { id: id as string, key: stable(relabel(rest, labels, () => '?')), firstTime };
      });
      keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.firstTime - b.firstTime));
      keyed.forEach((k, i) => next.set(k.id, `${table}#${i}`));
    }
    labels = next;
  }
  const out = new Map<string, string[]>();
  for (const [table, rows] of tables) {
    out.set(
      table,
      rows.map((row) => stable(relabel(times(table, row), labels, (token) => (ids.has(token) ? `unlabelled ${token}` : token)))).sort(),
    );
  }
  return out;
}

/** What `expected` has that `actual` lacks, and the other way round, counting repeats. */
function multisetDifference(expected: string[], actual: string[]): { missing: string[]; extra: string[] } {
  const counts = new Map<string, number>();
  for (const r of expected) counts.set(r, (counts.get(r) ?? 0) + 1);
  const extra: string[] = [];
  for (const r of actual) {
    const n = counts.get(r) ?? 0;
    if (n > 0) counts.set(r, n - 1);
    else extra.push(r);
  }
  const missing = [...counts].flatMap(([r, n]) => Array<string>(n).fill(r));
  return { missing, extra };
}

/** The journal's times never go back as its ids go up. */
function journalTimesFollowIds(tables: Tables): void {
  for (const table of ['AuditLog', 'ChangeEvent']) {
    const rows = [...(tables.get(table) ?? [])].sort((a, b) => Number(a.id) - Number(b.id));
    const times = rows.map((r) => Date.parse(r.createdAt as string));
    expect(times.every((t, i) => i === 0 || t >= (times[i - 1] as number)), `${table} times in id order`).toBe(true);
  }
}

let reference: Loaded;
let batch: Loaded;

afterAll(() => {
  vi.resetModules();
});

describe('the demo preset written in batches', () => {
  it('writes one document exactly as the mutations do: every table, row for row', async () => {
    reference = await loadWith('mutations');
    batch = await loadWith('batch');
    console.log(`demo preset, one document: mutations ${(reference.ms / 1000).toFixed(1)} s, batch ${(batch.ms / 1000).toFixed(1)} s`);
    expect(batch.report).toEqual(reference.report);
    expect(reference.report.annotations).toBeGreaterThan(100);

    const expected = normalise(reference);
    const actual = normalise(batch);
    expect([...actual.keys()]).toEqual([...expected.keys()]);
    // every table that differs, with a few of the rows the two sides do not share, so that a failure names what differs
    const differences = [...expected].flatMap(([table, rows]) => {
      const { missing, extra } = multisetDifference(rows, actual.get(table) ?? []);
      return missing.length + extra.length === 0 ? [] : [{ table, missing: missing.length, extra: extra.length, examples: [...missing.slice(0, 2), ...extra.slice(0, 2)] }];
    });
    expect(differences).toEqual([]);
    // the demo's data is there to compare, not just the document: journal, search, credences over two rounds
    for (const table of ['Annotation', 'Claim', 'Credence', 'CredenceRevision', 'CruxLink', 'CruxConditional', 'Reply', 'Round', 'AuditLog', 'ChangeEvent', 'SearchEntry']) {
      expect(expected.get(table)?.length ?? 0, table).toBeGreaterThan(0);
    }
    journalTimesFollowIds(reference.tables);
    journalTimesFollowIds(batch.tables);
  }, 600_000); // the reference writes a transaction per call: minutes on a busy machine
});
