// `cruxmap workspace restore`: a dump (lib/datasets/dump/format.ts) written into a new workspace in ONE
// transaction — a bad line, a truncated file or a failed insert rolls everything back. Every row gets a new id (a
// passage keeps its content-derived id under its new version); references and the ids inside JSON (a merge's undo
// record, audit data) follow. People are matched by email to the target's accounts; one the target lacks is made
// as a placeholder account (no password: the person sets one with "forgot password", or an owner invites them).
// Inserts go a batch at a time through json_populate_recordset, so any column the table has round-trips as is.
import { randomBytes } from 'node:crypto';
import { db } from '../../db';
import { AppError } from '../../errors';
import type { Prisma } from '../../generated/prisma/client';
import { DUMP_FORMAT, DUMP_TABLES, DUMP_VERSION, ID_TOKEN, type DumpHeader, type DumpLine, type DumpTable } from './format';

type Tx = Prisma.TransactionClient;
type Row = Record<string, unknown>;

const BATCH = 500;
const newId = (): string => `c${randomBytes(12).toString('hex')}`;

export type RestoreReport = { workspace: { id: string; slug: string }; counts: Record<string, number>; matchedUsers: number; placeholderUsers: number };

const bad = (message: string) => new AppError('UNPROCESSABLE', `Not a usable workspace dump: ${message}`);

export async function assertSlugFree(slug: string): Promise<void> {
  if (await db.workspace.findUnique({ where: { slug }, select: { id: true } })) {
    throw new AppError('CONFLICT', `Workspace "${slug}" already exists: restore into a new slug (--slug NEW).`);
  }
}

export async function restoreWorkspace({ lines, slug, ownerEmail }: { lines: AsyncIterable<DumpLine>; slug?: string; ownerEmail?: string }): Promise<RestoreReport> {
  const iterator = lines[Symbol.asyncIterator]();
  const first = await iterator.next();
  const header = first.done ? null : first.value;
  if (!header || header.type !== 'header' || header.format !== DUMP_FORMAT) throw bad('it does not start with a cruxmap-workspace-dump header.');
  if (header.version !== DUMP_VERSION) throw bad(`format version ${String(header.version)} (this Cruxmap reads version ${DUMP_VERSION}).`);
  const target = slug ?? header.workspace.slug;
  await assertSlugFree(target);
  const owner = ownerEmail ? await db.user.findFirst({ where: { email: { equals: ownerEmail, mode: 'insensitive' } }, select: { id: true } }) : null;
  if (ownerEmail && !owner) throw new AppError('UNPROCESSABLE', `No account has the email ${ownerEmail} (--owner names an existing account).`);

  return db.$transaction(
    async (tx) => {
      const ws = await tx.workspace.create({
        data: { slug: target, name: header.workspace.name, visibility: header.workspace.visibility as 'private', licence: header.workspace.licence ?? null },
        select: { id: true, slug: true },
      });
      const users = await mapUsers(tx, header);
      const ids = new Map<string, string>([[header.workspace.id, ws.id]]);
      const deferred = new Map<string, { id: string; column: string; old: string }[]>();
      const counts: Record<string, number> = {};
      let pending: { spec: DumpTable; rows: Row[] } | null = null;
      const specs = new Map(DUMP_TABLES.map((t) => [t.table, t]));
      let order = 0;
      let ended: Record<string, number> | null = null;

      const flush = async () => {
        if (pending && pending.rows.length > 0) await insertRows(tx, pending.spec, pending.rows);
        pending = null;
      };

      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        const line = next.value;
        if (ended) throw bad('lines after its end record.');
        if (line.type === 'end') {
          ended = line.counts;
          continue;
        }
        if (line.type !== 'row') throw bad('a second header.');
        const spec = specs.get(line.table);
        if (!spec) throw bad(`an unknown table "${String(line.table)}".`);
        const at = DUMP_TABLES.indexOf(spec);
        if (at < order) throw bad(`table ${spec.table} out of order.`);
        order = at;
        const row = remapRow(spec, line.row, { ids, users, workspaceId: ws.id, deferred });
        // item 6: restored credences count as credences, attributed to the (matched or placeholder) reviewers, marked imported
        if (spec.table === 'Credence') row.importedFrom = (row.importedFrom) ?? `restore:${header.workspace.slug}`;
        counts[spec.table] = (counts[spec.table] ?? 0) + 1;
        if ((pending as { spec: DumpTable } | null)?.spec !== spec) await flush();
        pending ??= { spec, rows: [] };
        pending.rows.push(row);
        if (pending.rows.length >= BATCH) await flush();
      }
      await flush();
      if (!ended) throw bad('it ends before its end record (a truncated file?).');
      for (const [table, n] of Object.entries(ended)) {
        if ((counts[table] ?? 0) !== n) throw bad(`${table} holds ${counts[table] ?? 0} rows where the dump announced ${n}.`);
      }
      for (const [key, list] of deferred) {
        const [table, column] = key.split('.') as [string, string];
        const values = list.map((d) => ({ id: d.id, val: ids.get(d.old) ?? null }));
        for (let i = 0; i < values.length; i += BATCH) {
          await tx.$executeRawUnsafe(
            `UPDATE "${table}" t SET "${column}" = v.val FROM json_to_recordset($1::json) AS v(id text, val text) WHERE t.id = v.id AND t."workspaceId" = $2`,
            JSON.stringify(values.slice(i, i + BATCH)),
            ws.id,
          );
        }
      }
      if (owner) {
        await tx.membership.upsert({
          where: { workspaceId_userId: { workspaceId: ws.id, userId: owner.id } },
          create: { workspaceId: ws.id, userId: owner.id, role: 'owner' },
          update: { role: 'owner' },
        });
      }
      await tx.auditLog.create({
        data: {
          workspaceId: ws.id,
          actorId: null,
          action: 'workspace.restore',
          entityType: 'workspace',
          entityId: ws.id,
          data: { from: header.workspace.slug, source: header.source ?? 'dump', dumpedAt: header.dumpedAt, counts, matchedUsers: users.matched, placeholderUsers: users.created },
        },
      });
      return { workspace: ws, counts, matchedUsers: users.matched, placeholderUsers: users.created };
    },
    { timeout: 30 * 60_000, maxWait: 10_000 },
  );
}

async function mapUsers(tx: Tx, header: DumpHeader): Promise<{ map: Map<string, string>; matched: number; created: number }> {
  const map = new Map<string, string>();
  let matched = 0;
  let created = 0;
  for (const u of header.users) {
    if (typeof u.id !== 'string' || typeof u.email !== 'string' || u.email === '') throw bad('a user without an id or email.');
    const found = await tx.user.findFirst({ where: { email: { equals: u.email, mode: 'insensitive' } }, select: { id: true } });
    if (found) {
      map.set(u.id, found.id);
      matched += 1;
    } else {
      const made = await tx.user.create({ data: { email: u.email.toLowerCase(), name: String(u.name ?? u.email), passwordHash: null }, select: { id: true } });
      map.set(u.id, made.id);
      created += 1;
    }
  }
  return { map, matched, created };
}

function remapJson(value: unknown, ids: Map<string, string>, users: Map<string, string>): unknown {
  return JSON.parse(JSON.stringify(value).replace(ID_TOKEN, (token) => ids.get(token) ?? users.get(token) ?? token));
}

function remapRow(
  spec: DumpTable,
  input: Row,
  { ids, users, workspaceId, deferred }: { ids: Map<string, string>; users: { map: Map<string, string> }; workspaceId: string; deferred: Map<string, { id: string; column: string; old: string }[]> },
): Row {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw bad(`a ${spec.table} row that is not an object.`);
  const row: Row = { ...input, workspaceId };
  if (spec.id === 'remap') {
    if (typeof row.id !== 'string') throw bad(`a ${spec.table} row without an id.`);
    const id = newId();
    ids.set(row.id, id);
    row.id = id;
  } else if (spec.id === 'serial') delete row.id;
  for (const column of spec.users) {
    const old = row[column];
    if (typeof old === 'string') row[column] = users.map.get(old) ?? null;
  }
  for (const column of spec.refs) {
    const old = row[column];
    if (typeof old !== 'string') continue;
    if (spec.deferred?.includes(column)) {
      const key = `${spec.table}.${column}`;
      const list = deferred.get(key) ?? [];
      list.push({ id: row.id as string, column, old });
      deferred.set(key, list);
      row[column] = null;
    } else if (spec.table === 'AuditLog') row[column] = ids.get(old) ?? users.map.get(old) ?? old;
    else {
      const mapped = ids.get(old);
      if (!mapped) throw bad(`${spec.table}.${column} names a row the dump does not hold before it.`);
      row[column] = mapped;
    }
  }
  for (const column of spec.json ?? []) if (row[column] !== undefined && row[column] !== null) row[column] = remapJson(row[column], ids, users.map);
  return row;
}

async function insertRows(tx: Tx, spec: DumpTable, rows: Row[]): Promise<void> {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((c) => /^[a-z_]\w*$/i.test(c));
  const list = columns.map((c) => `"${c}"`).join(', ');
  await tx.$executeRawUnsafe(
    `INSERT INTO "${spec.table}" (${list}) SELECT ${list} FROM json_populate_recordset(NULL::"${spec.table}", $1::json)`,
    JSON.stringify(rows),
  );
}
