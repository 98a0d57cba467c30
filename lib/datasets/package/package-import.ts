// A Cruxmap data package (./package.ts, read by ./package-source.ts) turned into workspace-dump lines
// (../dump/format.ts), so `workspace restore` writes it with the dump's machinery: one transaction, new ids,
// people matched by email or made placeholders. Every CSV is checked against its Table Schema (./tables.ts) first —
// a missing file or column, a value of the wrong type, an empty required field, a probability outside [0, 1], a
// foreign key naming no row — and refused with the file, row and field, before anything is written.
// What the package does not carry is rebuilt as plainly as it can be: rationales and replies as plain-text
// documents, a conditional's history as its current value, a credence whose claim or value is gone from the
// package (a deleted claim's) as a deleted credence holding its revisions; times the package lacks (when a claim
// was deleted, a document archived) are the package's creation time.
import { parse } from 'csv-parse/sync';
import { AppError } from '../../errors';
import { richTextFromPlainText } from '../../richtext/plain-text';
import { DUMP_FORMAT, DUMP_VERSION, type DumpHeader, type DumpLine, type DumpUser } from '../dump/format';
import type { PackageSource } from './package-source';
import { PACKAGE_TABLES, type Field, type TableSpec } from './tables';

type Value = string | number | boolean | Date | null;
type Rec = Record<string, Value>;

const bad = (message: string) => new AppError('UNPROCESSABLE', `Not a usable Cruxmap package: ${message}`);

/** The tables an import reads (claim_statistics is derived, `evidence` repeats annotations). */
const READ = ['documents', 'document_versions', 'passages', 'reviewers', 'claims', 'annotations', 'credences', 'credence_revisions', 'crux_links', 'conditionals', 'replies', 'rounds'];
const SPECS = new Map(PACKAGE_TABLES.map((t) => [t.name, t]));
/** The values a column may take (the database's enums): checked here so a wrong one is named, not a failed insert. */
const ENUMS: Record<string, Record<string, readonly string[]>> = {
  reviewers: { role: ['owner', 'reviewer', 'observer'] },
  passages: { kind: ['heading', 'paragraph', 'list_item', 'quote', 'footnote'] },
  annotations: { kind: ['claim', 'evidence', 'crux', 'probability'], stance: ['for', 'against'], direction: ['more', 'less'], anchorStatus: ['anchored', 'reanchored', 'orphan'] },
};
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z$/;

function typed(field: Field, raw: string, where: string): Value {
  if (raw === '') {
    if (field.constraints?.required) throw bad(`${where}: ${field.name} is empty, and it is required.`);
    return null;
  }
  switch (field.type) {
    case 'string':
      return raw;
    case 'integer':
      if (!/^-?\d{1,15}$/.test(raw)) throw bad(`${where}: ${field.name} "${raw.slice(0, 40)}" is not an integer.`);
      return Number(raw);
    case 'number': {
      const n = Number(raw);
      if (!Number.isFinite(n) || raw.trim() !== raw) throw bad(`${where}: ${field.name} "${raw.slice(0, 40)}" is not a number.`);
      return n;
    }
    case 'boolean':
      if (raw !== 'true' && raw !== 'false') throw bad(`${where}: ${field.name} "${raw.slice(0, 40)}" is not true or false.`);
      return raw === 'true';
    case 'datetime': {
      const d = new Date(raw);
      if (!ISO_UTC.test(raw) || Number.isNaN(d.getTime())) throw bad(`${where}: ${field.name} "${raw.slice(0, 40)}" is not a UTC date-time (YYYY-MM-DDTHH:MM:SS.sssZ).`);
      return d;
    }
  }
}

/** One CSV file of the package as typed records, every column of its schema present. */
async function readTable(source: PackageSource, spec: TableSpec): Promise<Rec[]> {
  const file = `${spec.name}.csv`;
  const text = await source.read(file);
  if (text === null) throw bad(`${source.label} has no ${file}.`);
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false });
  } catch (error) {
    throw bad(`${file} is not valid CSV (${error instanceof Error ? error.message.split('\n')[0] : 'unreadable'}).`);
  }
  const header = rows[0] ?? [];
  const at = spec.fields.map((f) => header.indexOf(f.name));
  const missing = spec.fields.filter((_, i) => at[i] === -1).map((f) => f.name);
  if (missing.length > 0) throw bad(`${file} lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}.`);
  const enums = ENUMS[spec.name] ?? {};
  return rows.slice(1).map((cells, i) => {
    const rec: Rec = {};
    spec.fields.forEach((f, j) => {
      const value = typed(f, cells[at[j] as number] ?? '', `${file} row ${i + 1}`);
      const allowed = enums[f.name];
      if (allowed && value !== null && !allowed.includes(value as string)) throw bad(`${file} row ${i + 1}: ${f.name} "${String(value).slice(0, 40)}" is not one of ${allowed.join(', ')}.`);
      rec[f.name] = value;
    });
    return rec;
  });
}

const keyOf = (rec: Rec, key: string | string[]): string => (Array.isArray(key) ? key.map((k) => String(rec[k])).join('\u0000') : String(rec[key]));

/** Primary keys unique, foreign keys naming rows of the package, as each Table Schema declares them. */
function checkKeys(tables: Map<string, Rec[]>): void {
  const keys = new Map<string, Set<string>>();
  for (const [name, rows] of tables) {
    const spec = SPECS.get(name) as TableSpec;
    const seen = new Set<string>();
    rows.forEach((r, i) => {
      const k = keyOf(r, spec.primaryKey);
      if (seen.has(k)) throw bad(`${name}.csv row ${i + 1}: ${String(spec.primaryKey)} "${k.replace('\u0000', ', ')}" appears twice.`);
      seen.add(k);
    });
    keys.set(name, seen);
  }
  for (const [name, rows] of tables) {
    const spec = SPECS.get(name) as TableSpec;
    for (const fk of spec.foreignKeys) {
      const field = fk.fields as string;
      const target = keys.get(fk.reference.resource);
      if (!target) continue;
      rows.forEach((r, i) => {
        const v = r[field];
        if (v !== null && !target.has(String(v))) throw bad(`${name}.csv row ${i + 1}: ${field} "${String(v)}" is not in ${fk.reference.resource}.csv.`);
      });
    }
  }
}

const probability = (rec: Rec, field: string, where: string): void => {
  const v = rec[field];
  if (typeof v === 'number' && (v < 0 || v > 1)) throw bad(`${where}: ${field} ${v} is outside [0, 1].`);
};

export type PackageImport = { sourceSlug: string; header: DumpHeader; lines: () => Generator<DumpLine> };

/** Reads and checks the whole package; the lines come out in the dump's table order, ready for restoreWorkspace. */
export async function readPackage(source: PackageSource): Promise<PackageImport> {
  const descriptorText = await source.read('datapackage.json');
  if (descriptorText === null) throw bad(`${source.label} has no datapackage.json.`);
  let descriptor: { profile?: unknown; name?: unknown; title?: unknown; created?: unknown; licenses?: { name?: unknown }[]; resources?: { name?: unknown }[] };
  try {
    descriptor = JSON.parse(descriptorText) as typeof descriptor;
  } catch {
    throw bad('datapackage.json is not JSON.');
  }
  if (typeof descriptor.name !== 'string' || !descriptor.name.startsWith('cruxmap-') || !Array.isArray(descriptor.resources)) {
    throw bad('datapackage.json does not describe a Cruxmap package (its name starts with "cruxmap-" and it lists resources).');
  }
  const sourceSlug = descriptor.name.slice('cruxmap-'.length);
  const created = typeof descriptor.created === 'string' && !Number.isNaN(Date.parse(descriptor.created)) ? new Date(descriptor.created) : new Date();
  const title = typeof descriptor.title === 'string' ? descriptor.title.replace(/: Cruxmap dataset$/, '') : sourceSlug;
  const licence = typeof descriptor.licenses?.[0]?.name === 'string' ? descriptor.licenses[0].name : null;

  const tables = new Map<string, Rec[]>();
  for (const name of READ) tables.set(name, await readTable(source, SPECS.get(name) as TableSpec));
  checkKeys(tables);
  const t = (name: string): Rec[] => tables.get(name) as Rec[];
  const s = (v: Value | undefined): string => v as string;

  const versions = new Map(t('document_versions').map((v) => [s(v.id), v]));
  t('document_versions').forEach((v, i) => {
    if (typeof v.length === 'number' && typeof v.text === 'string' && v.length !== v.text.length) throw bad(`document_versions.csv row ${i + 1}: length ${v.length} is not the text's length ${v.text.length}.`);
  });
  t('documents').forEach((d, i) => {
    if (d.currentVersionId !== null && versions.get(s(d.currentVersionId))?.documentId !== d.id) throw bad(`documents.csv row ${i + 1}: currentVersionId "${s(d.currentVersionId)}" is not a version of this document in document_versions.csv.`);
  });
  t('annotations').forEach((a, i) => {
    const where = `annotations.csv row ${i + 1}`;
    probability(a, 'value', where);
    if (a.anchoredVersionId !== null && !versions.has(s(a.anchoredVersionId))) throw bad(`${where}: anchoredVersionId "${s(a.anchoredVersionId)}" is not in document_versions.csv.`);
    if (a.exact === null || a.start === null || a.end === null) throw bad(`${where}: exact, start and end are required.`);
  });
  t('credences').forEach((c, i) => probability(c, 'value', `credences.csv row ${i + 1}`));
  t('credence_revisions').forEach((c, i) => probability(c, 'value', `credence_revisions.csv row ${i + 1}`));
  t('conditionals').forEach((c, i) => {
    const where = `conditionals.csv row ${i + 1}`;
    if (c.ifTrue === null || c.ifFalse === null) throw bad(`${where}: ifTrue and ifFalse are required.`);
    probability(c, 'ifTrue', where);
    probability(c, 'ifFalse', where);
  });

  // people: the exported email where the package has identities, else a placeholder address that cannot receive mail
  const users: DumpUser[] = t('reviewers').map((r) => ({
    id: s(r.id),
    email: typeof r.email === 'string' && r.email.includes('@') ? r.email : `${s(r.id).toLowerCase().replace(/[^a-z0-9._-]/g, '-')}@${sourceSlug}.package.invalid`,
    name: typeof r.name === 'string' && r.name !== '' ? r.name : s(r.id),
  }));
  const header: DumpHeader = {
    type: 'header',
    format: DUMP_FORMAT,
    version: DUMP_VERSION,
    dumpedAt: created.toISOString(),
    workspace: { id: `package:${sourceSlug}`, slug: sourceSlug, name: title, visibility: 'private', licence },
    users,
    source: 'package',
  };
  const importedFrom = `package:${sourceSlug}`;

  function* lines(): Generator<DumpLine> {
    const counts: Record<string, number> = {};
    function* rows(table: string, list: Iterable<Record<string, unknown>>): Generator<DumpLine> {
      let n = 0;
      for (const row of list) {
        n += 1;
        yield { type: 'row', table, row };
      }
      if (n > 0) counts[table] = n;
    }
    yield* rows('Membership', t('reviewers').filter((r) => r.role !== null).map((r) => ({ id: `membership:${s(r.id)}`, userId: r.id, role: r.role, createdAt: created, updatedAt: created })));
    yield* rows('Document', t('documents').map((d) => ({
      id: d.id, slug: d.slug, title: d.title, author: d.author, source: d.source, kind: d.kind ?? 'post', blind: d.blind ?? false, currentVersionId: d.currentVersionId,
      createdById: null, archivedAt: d.archived ? created : null, createdAt: d.createdAt ?? created, updatedAt: d.createdAt ?? created,
    })));
    yield* rows('DocumentVersion', t('document_versions').map((v) => ({
      id: v.id, documentId: v.documentId, number: v.number, text: v.text ?? '', contentHash: v.contentHash ?? '', sourceFormat: v.sourceFormat ?? 'text', createdAt: v.createdAt ?? created,
    })));
    yield* rows('Passage', t('passages').map((p) => ({ versionId: p.versionId, id: p.id, index: p.index, kind: p.kind, start: p.start, end: p.end, text: p.text ?? '' })));
    yield* rows('Claim', t('claims').map((c) => ({
      id: c.id, statement: c.statement ?? '', createdById: c.createdBy, mergedIntoId: c.mergedIntoId, mergedAt: c.mergedAt ?? (c.mergedIntoId ? created : null),
      deletedAt: c.deleted ? created : null, createdAt: c.createdAt ?? created, updatedAt: c.createdAt ?? created,
    })));
    yield* rows('Annotation', t('annotations').map((a) => ({
      id: a.id, documentId: a.documentId, versionId: a.versionId, authorId: a.authorId, kind: a.kind, claimId: a.claimId, forClaimId: a.forClaimId, stance: a.stance,
      strength: a.strength, sourceUrl: a.source, direction: a.direction, value: a.value,
      rationale: a.rationale === null ? null : richTextFromPlainText(s(a.rationale)), rationaleText: a.rationale,
      exact: a.exact, prefix: a.prefix ?? '', suffix: a.suffix ?? '', start: a.start, end: a.end, anchorStatus: a.anchorStatus ?? 'anchored',
      anchoredVersionId: a.anchoredVersionId, anchoredStart: a.anchoredStart, anchoredEnd: a.anchoredEnd,
      resolvedAt: a.resolved ? (a.updatedAt ?? created) : null, hiddenAt: a.hidden ? (a.updatedAt ?? created) : null,
      createdAt: a.createdAt ?? created, updatedAt: a.updatedAt ?? a.createdAt ?? created,
    })));

    // credences: the current ones, and for revisions left without one (a deleted claim's) a deleted credence
    const credenceKey = (claimId: Value | undefined, reviewerId: Value | undefined) => `${s(claimId)} ${s(reviewerId)}`;
    const revisions = new Map<string, Rec[]>();
    for (const r of [...t('credence_revisions')].sort((x, y) => (x.createdAt as Date).getTime() - (y.createdAt as Date).getTime())) {
      const k = credenceKey(r.claimId, r.reviewerId);
      revisions.set(k, [...(revisions.get(k) ?? []), r]);
    }
    const probabilityAnnotation = new Map<string, Value | undefined>();
    for (const a of t('annotations')) if (a.kind === 'probability' && a.claimId !== null) probabilityAnnotation.set(credenceKey(a.claimId, a.authorId), a.id);
    const credences = new Map<string, Record<string, unknown>>();
    for (const c of t('credences')) {
      const k = credenceKey(c.claimId, c.reviewerId);
      const first = revisions.get(k)?.[0]?.createdAt;
      credences.set(k, {
        id: `credence:${k}`, claimId: c.claimId, userId: c.reviewerId, annotationId: probabilityAnnotation.get(k) ?? null, value: c.value, importedFrom,
        createdAt: first ?? c.updatedAt ?? created, updatedAt: c.updatedAt ?? created, deletedAt: null,
      });
    }
    for (const [k, list] of revisions) {
      if (credences.has(k)) continue;
      const last = list[list.length - 1] as Rec;
      credences.set(k, {
        id: `credence:${k}`, claimId: last.claimId, userId: last.reviewerId, annotationId: null, value: last.value, importedFrom,
        createdAt: list[0]?.createdAt ?? created, updatedAt: last.createdAt ?? created, deletedAt: last.createdAt ?? created,
      });
    }
    yield* rows('Credence', credences.values());
    yield* rows('CredenceRevision', t('credence_revisions').map((r) => ({
      id: r.id, credenceId: `credence:${credenceKey(r.claimId, r.reviewerId)}`, claimId: r.claimId, userId: r.reviewerId, value: r.value, createdAt: r.createdAt ?? created,
    })));
    yield* rows('CruxLink', t('crux_links').map((l) => ({ id: l.id, cruxClaimId: l.cruxClaimId, forClaimId: l.forClaimId, createdAt: l.createdAt ?? created })));
    const conditionalId = (c: Rec) => `conditional:${s(c.linkId)} ${s(c.reviewerId)}`;
    yield* rows('CruxConditional', t('conditionals').map((c) => ({
      id: conditionalId(c), linkId: c.linkId, userId: c.reviewerId, ifTrue: c.ifTrue, ifFalse: c.ifFalse, createdAt: c.updatedAt ?? created, updatedAt: c.updatedAt ?? created,
    })));
    yield* rows('CruxConditionalRevision', t('conditionals').map((c) => ({
      id: `revision:${conditionalId(c)}`, conditionalId: conditionalId(c), userId: c.reviewerId, ifTrue: c.ifTrue, ifFalse: c.ifFalse, createdAt: c.updatedAt ?? created,
    })));
    yield* rows('Reply', t('replies').map((p) => ({
      id: p.id, annotationId: p.annotationId, parentId: p.parentId, authorId: p.authorId, body: richTextFromPlainText(s(p.text ?? '')), bodyText: p.text ?? '',
      hiddenAt: p.hidden ? (p.updatedAt ?? created) : null, createdAt: p.createdAt ?? created, updatedAt: p.updatedAt ?? p.createdAt ?? created,
    })));
    yield* rows('Round', t('rounds').map((r) => ({ id: r.id, documentId: r.documentId, number: r.number, openedAt: r.openedAt ?? created })));
    yield { type: 'end', counts };
  }

  return { sourceSlug, header, lines };
}
