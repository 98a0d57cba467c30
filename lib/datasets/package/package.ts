// The data package export (format=package): a Frictionless Data Package v1 (profile tabular-data-package) of the
// workspace — datapackage.json with a Table Schema per CSV file (./tables.ts), one CSV per table streamed in key
// order (on PostgreSQL the server writes the lines with COPY; on the embedded database a page at a time),
// claim_statistics.csv computed claim by claim from the current credences as written to credences.csv, and a
// README.md dataset card written last (its agreement figures come from that pass, its row counts from the writing).
// Entries are produced lazily, one after another, so a folder or a zip stream holds a chunk or two at a time.
import { intervalAlpha, summarizeCredences } from '../../aggregation';
import { authorize, type WorkspaceContext } from '../../context/context';
import { AppError } from '../../errors';
import { blindFor } from '../export-queries';
import { CHUNK_CHARS } from '../export-formats';
import { countRows, csvCell, tableCsv, tableRows, workspaceFacts, type Cell } from './package-queries';
import { datasetCard } from './card';
import { FORMULA_VERSION, PACKAGE_TABLES, type PackageQuery, type TableSpec } from './tables';

export type PackageEntry = { path: string; chunks: () => AsyncGenerator<string | Buffer, void, undefined> };

export type PreparedPackage = {
  filename: string;
  /**
   * Counts the rows the package's CSV files will hold (the API's X-Export-Total); writing the entries does not
   * wait for it, and the dataset card counts the rows as written.
   */
  total: () => Promise<number>;
  /** rows written to each file so far (every file's once the entries are written) */
  counts: Record<string, number>;
  entries: PackageEntry[];
  progress: () => number;
};

const byName = (name: string): TableSpec => PACKAGE_TABLES.find((t) => t.name === name) as TableSpec;

/** The CSV cell of a Table Schema value: text as is (RFC 4180 quoting), numbers, booleans as true/false, empty for null. */
export function cell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  // an empty text stays an empty cell here (COPY's tables write it "")
  return value === '' ? '' : csvCell(value);
}
/** A line of a package CSV: LF-terminated, as PostgreSQL's COPY writes the tables' lines. */
const line = (cells: readonly Cell[]): string => `${cells.map(cell).join(',')}\n`;

export function descriptorOf(workspace: { slug: string; name: string }, now: Date, licence: string | null): object {
  return {
    profile: 'tabular-data-package',
    name: `cruxmap-${workspace.slug}`.toLowerCase().replace(/[^a-z0-9._-]/g, '-'),
    title: `${workspace.name}: Cruxmap dataset`,
    created: now.toISOString(),
    ...(licence ? { licenses: [{ name: licence }] } : {}),
    resources: PACKAGE_TABLES.map((t) => ({
      profile: 'tabular-data-resource',
      name: t.name,
      path: `${t.name}.csv`,
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      description: t.description,
      dialect: { delimiter: ',', lineTerminator: '\n', header: true },
      schema: {
        fields: t.fields.map((f) => ({ name: f.name, type: f.type, ...(f.format ? { format: f.format } : {}), description: f.description, ...(f.constraints ? { constraints: f.constraints } : {}) })),
        primaryKey: t.primaryKey,
        ...(t.foreignKeys.length > 0 ? { foreignKeys: t.foreignKeys } : {}),
        missingValues: [''],
      },
    })),
  };
}

function countLineEnds(chunk: string | Buffer): number {
  let n = 0;
  for (let i = chunk.indexOf('\n'); i !== -1; i = chunk.indexOf('\n', i + 1)) n += 1;
  return n;
}

// eslint-disable-next-line @typescript-eslint/require-await -- a one-chunk entry: an async generator like the others
export async function* once(text: string): AsyncGenerator<string, void, undefined> {
  yield text;
}

/** A one-chunk entry made when it is reached (the dataset card needs the figures of the entries before it). */
// eslint-disable-next-line @typescript-eslint/require-await -- as above
async function* lazily(make: () => string): AsyncGenerator<string, void, undefined> {
  yield make();
}

/** Checks access, counts, and returns the package's entries ready to write in order. */
export async function preparePackage({
  ctx,
  identities = false,
  batchSize = 2000,
  now = new Date(),
}: {
  ctx: WorkspaceContext;
  identities?: boolean;
  batchSize?: number;
  now?: Date;
}): Promise<PreparedPackage> {
  authorize(ctx, 'export');
  const isOwner = ctx.role === 'owner';
  if (identities && !isOwner) throw new AppError('FORBIDDEN', 'Only owners may export with identities.');
  const workspace = { id: ctx.workspace.id, slug: ctx.workspace.slug, name: ctx.workspace.name };
  const blind = await blindFor({ workspace, isOwner, viewerId: ctx.userId, documentIds: null, filters: { documents: [], kinds: [], authors: [], from: null, to: null, pseudonymise: !identities } });
  const q: PackageQuery = { workspaceId: workspace.id, isOwner, viewerId: ctx.userId, identities, hiddenClaims: [...(blind?.hidden ?? [])] };
  const tables = PACKAGE_TABLES.filter((t) => t.select);
  const facts = await workspaceFacts(workspace.id);
  const counts: Record<string, number> = {};
  let written = 0;
  const stats = { claims: 0, alpha: null as number | null };

  const tableEntry = (t: TableSpec): PackageEntry => ({
    path: `${t.name}.csv`,
    async *chunks() {
      yield line(t.fields.map((f) => f.name));
      // progress counts line ends as they pass (a quoted line break counts too, until the table's own count arrives)
      const start = written;
      let lineEnds = 0;
      const counted = (rows: number) => {
        counts[t.name] = rows;
      };
      for await (const chunk of tableCsv(t, q, batchSize, { counted })) {
        lineEnds += countLineEnds(chunk);
        written = start + lineEnds;
        yield chunk;
      }
      written = start + (counts[t.name] ?? lineEnds);
    },
  });

  const statsEntry: PackageEntry = {
    path: 'claim_statistics.csv',
    async *chunks() {
      const spec = byName('claim_statistics');
      let buffer = line(spec.fields.map((f) => f.name));
      // the claim's values arrive together (credences are keyed by claimId, then reviewer)
      const units: number[][] = [];
      let claimId: string | null = null;
      let values: number[] = [];
      const flush = () => {
        if (claimId === null) return;
        const s = summarizeCredences(values);
        buffer += line([claimId, s.n, s.aggregate, s.median, s.q1, s.q3, s.spread, s.split, s.bimodality, s.disagreement, FORMULA_VERSION]);
        if (values.length >= 2) units.push(values);
        written += 1;
        stats.claims += 1;
      };
      for await (const rows of tableRows(byName('credences'), q, batchSize)) {
        for (const row of rows) {
          if (row[0] !== claimId) {
            flush();
            claimId = row[0] as string;
            values = [];
          }
          values.push(row[2] as number);
        }
        if (buffer.length >= CHUNK_CHARS) {
          yield buffer;
          buffer = '';
        }
      }
      flush();
      // Krippendorff's alpha needs every claim's values at once: bounded by the number of current credences
      stats.alpha = intervalAlpha(units);
      yield buffer;
    },
  };

  const entries: PackageEntry[] = [
    {
      path: 'datapackage.json',
      chunks: () => once(`${JSON.stringify(descriptorOf(workspace, now, facts.licence), null, 2)}\n`),
    },
    ...PACKAGE_TABLES.filter((t) => t.select).map(tableEntry),
    statsEntry,
    {
      path: 'README.md',
      chunks: () =>
        lazily(() =>
          datasetCard({
          workspace,
          exportedAt: now,
          exportedBy: ctx.userId === null ? 'the operator (command line)' : identities ? `user ${ctx.userId}` : 'a member of the workspace',
          identities,
          isOwner,
          blindHidden: q.hiddenClaims.length,
          counts: { ...counts, claim_statistics: stats.claims },
          alpha: stats.alpha,
          licence: facts.licence,
          formulaVersion: FORMULA_VERSION,
          }),
        ),
    },
  ];
  // the tables counted at once (the pool has connections to spare; the large counts run on both cores)
  const total = async () => (await Promise.all(tables.map((t) => countRows(t, q)))).reduce((a, b) => a + b, 0);
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return { filename: `${workspace.slug}-package-${stamp}.zip`, total, counts, entries, progress: () => written };
}
