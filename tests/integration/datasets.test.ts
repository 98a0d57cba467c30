// Annotation datasets on a real database: the four export formats (read back with standard parsers, the W3C one
// checked against the W3C test-suite schemas), filters, pseudonyms, blind review, the W3C round trip into another
// workspace, idempotent re-imports, Hypothesis files with orphans, replies left out and why, and a bad row that
// writes nothing.
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAnnotation } from '../../lib/annotations/mutations';
import { createAnnotationInputSchema } from '../../lib/annotations/schemas';
import { createReply, deleteReply, updateReply } from '../../lib/annotations/reply-mutations';
import { createReplyInputSchema, updateReplyInputSchema } from '../../lib/annotations/schemas';
import { mergeClaim } from '../../lib/claims/merge-mutations';
import { prepareExport } from '../../lib/datasets/export';
import { preparePackage } from '../../lib/datasets/package/package';
import { openRound } from '../../lib/disagreement/mutations';
import { importAnnotations } from '../../lib/datasets/import-mutations';
import { annotationColumns } from '../../lib/datasets/csv';
import type { jsonlObject } from '../../lib/datasets/jsonl';
import type { w3cAnnotation } from '../../lib/datasets/w3c';
import type { ExportFilters, ExportFormat } from '../../lib/datasets/model';
import { db } from '../../lib/db';
import { importDocument } from '../../lib/documents/mutations';
import { AppError } from '../../lib/errors';
import { addTestMember, createTestTeam, createTestUser, createTestWorkspace } from '../factories';
import { contextFor, operatorContext } from '../factories/context';
import { w3cAssertionCounts, w3cExportViolations } from '../support/w3c-schemas';
import { cruxmap } from '../support/cli';
import { entryText } from '../support/package-entry';

const essay = [
  'Power and alignment',
  'Advanced systems may seek power because power is useful for almost any goal, "as the argument goes".',
  'Critics reply that the argument is flimsy, and that training shapes goals; commas, "quotes" and\nline breaks survive.',
  'A third paragraph: =SUM(A1:A9) is text here, not a formula, and so is @handle and +1.',
].join('\n\n');

type JsonlRow = ReturnType<typeof jsonlObject>;
type W3cAnnotation = ReturnType<typeof w3cAnnotation> & { via?: string };
type W3cBody = Record<string, unknown> & { 'cruxmap:kind'?: string; 'cruxmap:strength'?: number };
type Collection = Record<string, unknown> & { total: number; first: { items: W3cAnnotation[] } };

const parseRows = (text: string): JsonlRow[] =>
  text
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((line) => JSON.parse(line) as JsonlRow);
const parseCollection = (text: string): Collection => JSON.parse(text) as Collection;
const kindOf = (a: W3cAnnotation): string | undefined => (Array.isArray(a.body) ? (a.body[0] as W3cBody | undefined)?.['cruxmap:kind'] : undefined);

function must<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`missing ${what}`);
  return value;
}

const noFilters: ExportFilters = { documents: [], kinds: [], authors: [], from: null, to: null, pseudonymise: false };

async function exportText(userId: string | null, workspace: string, format: ExportFormat, filters: Partial<ExportFilters> = {}): Promise<string> {
  const prepared = await prepareExport({
    ctx: userId === null ? await operatorContext(workspace) : await contextFor(userId, workspace),
    format,
    filters: { ...noFilters, ...filters },
    batchSize: 3, // several keyset pages even for a small workspace
  });
  let text = '';
  for await (const chunk of prepared.chunks()) text += chunk;
  expect(prepared.progress()).toBe(prepared.total);
  return text;
}

function targetOf(text: string, exact: string) {
  const start = text.indexOf(exact);
  if (start < 0) throw new Error(`not in text: ${exact}`);
  return { exact, start, end: start + exact.length };
}

let team: Awaited<ReturnType<typeof createTestTeam>>;
let docText: string;
let ids: { claim: string; probability: string; evidence: string; crux: string; claimId: string };

async function annotate(userId: string, workspace: string, input: unknown) {
  return createAnnotation({ ctx: await contextFor(userId, workspace), input: createAnnotationInputSchema.parse(input) });
}

beforeAll(async () => {
  team = await createTestTeam();
  await contextFor(team.owner.id, team.workspace.slug).then((ctx) => importDocument({ ctx, input: { slug: 'essay', text: essay, title: 'Power and alignment' } }));
  const version = await db.documentVersion.findFirstOrThrow({ where: { workspaceId: team.workspace.id }, select: { text: true } });
  docText = version.text;
  const ws = team.workspace.slug;
  const claim = await annotate(team.reviewer.id, ws, {
    document: 'essay',
    kind: 'claim',
    target: targetOf(docText, 'Advanced systems may seek power'),
    claim: { statement: 'Advanced systems seek power' },
    body: '=HYPERLINK("http://evil") is how a spreadsheet attack starts, with "quotes", commas,\nand lines.',
  });
  const claimId = claim.annotation.claimId as string;
  const probability = await annotate(team.reviewer.id, ws, { document: 'essay', kind: 'probability', target: targetOf(docText, 'power is useful'), probability: { claimId, value: 0.4 } });
  await annotate(team.reviewer.id, ws, { document: 'essay', kind: 'probability', target: targetOf(docText, 'power is useful'), probability: { claimId, value: 0.7 } });
  await annotate(team.owner.id, ws, { document: 'essay', kind: 'probability', target: targetOf(docText, 'power is useful'), probability: { claimId, value: 0.2 } });
  const evidence = await annotate(team.owner.id, ws, {
    document: 'essay',
    kind: 'evidence',
    target: targetOf(docText, 'training shapes goals'),
    evidence: { claimId, stance: 'against', strength: 2, source: 'https://example.org/paper?a=1,b=2' },
    body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'See ' }, { type: 'text', text: 'the paper', marks: [{ type: 'bold' }] }] }] },
  });
  const crux = await annotate(team.reviewer.id, ws, {
    document: 'essay',
    kind: 'crux',
    target: targetOf(docText, 'the argument is flimsy'),
    crux: { forClaimId: claimId, direction: 'less' },
  });
  await createReply({ ctx: await contextFor(team.owner.id, ws), annotationId: claim.annotation.id, input: createReplyInputSchema.parse({ body: '+1, agreed' }) });
  ids = { claim: claim.annotation.id, probability: probability.annotation.id, evidence: evidence.annotation.id, crux: crux.annotation.id, claimId };
});

describe('jsonl export', () => {
  it('writes a meta line with schema version, export time, filters and counts, then one parseable annotation per line', async () => {
    const text = await exportText(team.observer.id, team.workspace.slug, 'jsonl');
    const lines = text.trimEnd().split('\n');
    const meta = JSON.parse(lines[0] as string) as Record<string, unknown>;
    expect(meta).toMatchObject({
      type: 'meta',
      schemaVersion: '1.1',
      format: 'jsonl',
      workspace: { slug: team.workspace.slug },
      filters: { documents: [], kinds: [], authors: [], from: null, to: null, pseudonymise: false },
      counts: { annotations: 5, byKind: { claim: 1, probability: 2, evidence: 1, crux: 1 }, documents: 1, authors: 2 },
    });
    expect(Date.parse(meta.exportedAt as string)).toBeGreaterThan(Date.now() - 60_000);
    const rows = parseRows(text);
    expect(rows).toHaveLength(5);
    const byId = new Map(rows.map((r) => [r.id, r]));

    const claim = must(byId.get(ids.claim), 'claim row');
    expect(claim).toMatchObject({
      kind: 'claim',
      document: { slug: 'essay', title: 'Power and alignment', version: 1 },
      claim: { id: ids.claimId, statement: 'Advanced systems seek power' },
      target: { exact: 'Advanced systems may seek power' },
      author: { id: team.reviewer.id, name: team.reviewer.name, email: null },
    });
    expect(claim.target.start).toBe(docText.indexOf('Advanced systems may seek power'));
    expect(claim.rationale.text).toContain('=HYPERLINK');
    expect(claim.rationale.tiptap?.type).toBe('doc');
    expect(claim.anchor.passageIds).toHaveLength(1);
    expect(claim.anchor.passageTexts[0]).toContain('Advanced systems may seek power because power is useful');
    expect(claim.replies).toHaveLength(1);
    expect(claim.replies[0]).toMatchObject({ text: '+1, agreed', author: { id: team.owner.id } });

    const probability = must(byId.get(ids.probability), 'probability row');
    expect(probability.probability).toEqual({
      value: 0.7,
      round: 1,
      revisions: [expect.objectContaining({ value: 0.4, round: 1 }), expect.objectContaining({ value: 0.7, round: 1 })],
    });
    expect(byId.get(ids.evidence)?.evidence).toEqual({ stance: 'against', strength: 2, source: 'https://example.org/paper?a=1,b=2' });
    expect(byId.get(ids.crux)?.crux).toMatchObject({ forClaim: { id: ids.claimId }, direction: 'less' });
    // creation order, as the keyset pages read it
    const created = rows.map((r) => r.createdAt);
    expect([...created].sort()).toEqual(created);
  });

  it('shows emails to owners only, and to nobody in a pseudonymised export, where pseudonyms are stable within the export', async () => {
    const asOwner = await exportText(team.owner.id, team.workspace.slug, 'jsonl');
    expect(asOwner).toContain(team.reviewer.email);
    const asObserver = await exportText(team.observer.id, team.workspace.slug, 'jsonl');
    expect(asObserver).not.toContain(team.reviewer.email);

    for (const format of ['jsonl', 'csv', 'w3c', 'credences'] as const) {
      const text = await exportText(team.owner.id, team.workspace.slug, format, { pseudonymise: true });
      for (const person of [team.owner, team.reviewer]) {
        expect(text).not.toContain(person.email);
        expect(text).not.toContain(person.id);
        expect(text).not.toContain(person.name);
      }
    }
    const rows = parseRows(await exportText(team.owner.id, team.workspace.slug, 'jsonl', { pseudonymise: true }));
    const reviewerRows = rows.filter((r) => r.id !== ids.evidence && r.author.id !== rows.find((x) => x.id === ids.evidence)?.author.id);
    const pseudonyms = new Set(reviewerRows.map((r) => r.author.id));
    expect(pseudonyms.size).toBe(1); // the reviewer's three annotations carry one pseudonym
    const ownerPseudonym = rows.find((r) => r.id === ids.evidence)?.author.id;
    expect(ownerPseudonym).toMatch(/^reviewer-[0-9a-f]{12}$/);
    expect(rows.find((r) => r.id === ids.claim)?.replies[0]?.author.id).toBe(ownerPseudonym); // same person, same pseudonym
    expect(rows.every((r) => r.author.email === null)).toBe(true);
  });

  it('filters by document, kind, author and creation time', async () => {
    const count = async (filters: Partial<ExportFilters>) => (await exportText(team.owner.id, team.workspace.slug, 'jsonl', filters)).trimEnd().split('\n').length - 1;
    expect(await count({ kinds: ['probability'] })).toBe(2);
    expect(await count({ kinds: ['claim', 'crux'] })).toBe(2);
    expect(await count({ authors: [team.owner.id] })).toBe(2);
    expect(await count({ documents: ['essay'] })).toBe(5);
    expect(await count({ from: new Date(Date.now() + 60_000) })).toBe(0);
    expect(await count({ to: new Date(Date.now() + 60_000), from: new Date(Date.now() - 3_600_000) })).toBe(5);
    await expect(exportText(team.owner.id, team.workspace.slug, 'jsonl', { documents: ['no-such-doc'] })).rejects.toMatchObject({ code: 'UNPROCESSABLE' });
  });
});

describe('csv export', () => {
  it('parses back with a standard CSV parser to the same values, formula-leading text neutralised', async () => {
    const text = await exportText(team.owner.id, team.workspace.slug, 'csv');
    const records = parseCsv<Record<string, string>>(text, { columns: true, skip_empty_lines: true });
    expect(Object.keys(records[0] as object)).toEqual([...annotationColumns]);
    expect(records).toHaveLength(5);
    const claim = records.find((r) => r.id === ids.claim) as Record<string, string>;
    expect(claim.exact).toBe('Advanced systems may seek power');
    expect(claim.claim_statement).toBe('Advanced systems seek power');
    expect(claim.rationale).toBe(`'=HYPERLINK("http://evil") is how a spreadsheet attack starts, with "quotes", commas,\nand lines.`);
    expect(claim.author_email).toBe(team.reviewer.email);
    expect(claim.reply_count).toBe('1');
    expect(Number(claim.start)).toBe(docText.indexOf('Advanced systems may seek power'));
    const evidence = records.find((r) => r.id === ids.evidence) as Record<string, string>;
    expect(evidence).toMatchObject({ stance: 'against', strength: '2', source: 'https://example.org/paper?a=1,b=2', kind: 'evidence' });
    expect(records.find((r) => r.id === ids.probability)?.probability).toBe('0.7');
    expect(text.split('\r\n')[0]).toBe(annotationColumns.join(','));
    for (const record of records) for (const value of Object.values(record)) expect(value).not.toMatch(/^[=+@]/);
  });

  it('writes the credence matrix: rows reviewers, columns claims, current values', async () => {
    const text = await exportText(team.observer.id, team.workspace.slug, 'credences');
    const rows = parseCsv<Record<string, string>>(text, { columns: true });
    expect(Object.keys(rows[0] as object)).toEqual(['reviewer_id', 'reviewer_name', ids.claimId]);
    const values = Object.fromEntries(rows.map((r): [string, string | undefined] => [String(r.reviewer_id), r[ids.claimId]]));
    expect(values).toEqual({ [team.reviewer.id]: '0.7', [team.owner.id]: '0.2' });
  });
});

describe('w3c export', () => {
  it('is an AnnotationCollection that passes every "must" of the W3C test-suite schemas', async () => {
    expect(w3cAssertionCounts().annotation).toBeGreaterThan(40);
    const collection = parseCollection(await exportText(team.observer.id, team.workspace.slug, 'w3c'));
    expect(w3cExportViolations(collection)).toEqual([]);
    // five annotations and the one reply in the claim's thread, as an annotation with motivation "replying"
    expect(collection).toMatchObject({ type: 'AnnotationCollection', total: 6, first: { type: 'AnnotationPage', startIndex: 0 } });
    const replies = collection.first.items.filter((a) => (a as { motivation?: string }).motivation === 'replying');
    expect(replies).toHaveLength(1);
    const items = collection.first.items.filter((a) => (a as { motivation?: string }).motivation !== 'replying');
    expect(items).toHaveLength(5);
    expect(items.map((a) => a.id)).toContain((replies[0] as unknown as { target: string }).target);
    const motivations = Object.fromEntries(items.map((a) => [String(kindOf(a)), a.motivation]));
    expect(motivations).toEqual({ claim: 'describing', evidence: 'linking', crux: 'linking', probability: 'assessing' });
    const claim = must(items.find((a) => a.id.endsWith(`/w3c/annotations/${ids.claim}`)), 'claim');
    const start = docText.indexOf('Advanced systems may seek power');
    expect(claim.target).toEqual({
      type: 'SpecificResource',
      source: expect.stringMatching(new RegExp(`/w/${team.workspace.slug}/documents/essay\\?version=1$`)) as string,
      selector: [
        { type: 'TextQuoteSelector', exact: 'Advanced systems may seek power', prefix: docText.slice(Math.max(0, start - 32), start), suffix: docText.slice(start + 31, start + 63) },
        { type: 'TextPositionSelector', start, end: start + 31 },
      ],
    });
    expect(claim.body[0]).toMatchObject({ type: 'TextualBody', purpose: 'describing', 'cruxmap:claim': { 'cruxmap:statement': 'Advanced systems seek power' } });
    expect(claim.body[1]).toMatchObject({ type: 'TextualBody', purpose: 'commenting', format: 'text/plain' });
    expect(claim.creator).toEqual({ id: `urn:cruxmap:user:${team.reviewer.id}`, type: 'Person', name: team.reviewer.name });
    expect(w3cExportViolations(parseCollection(await exportText(team.owner.id, team.workspace.slug, 'w3c', { pseudonymise: true })))).toEqual([]);
  });
});

/** The export with what must differ after a round trip taken out: ids, IRIs, workspace addresses and times. */
function comparable(collection: Collection) {
  return collection.first.items
    .map((a) => {
      const rest: Record<string, unknown> = { ...a };
      for (const key of ['id', 'created', 'modified', 'via']) delete rest[key];
      // a reply: its text and that it answers an annotation (whose id, and the importer as its author, differ)
      if ((a as { motivation?: string }).motivation === 'replying') return { motivation: 'replying', body: a.body, answers: typeof a.target === 'string' };
      const body = (a.body as W3cBody[]).map((b) => {
        const copy: Record<string, unknown> = { ...b };
        for (const key of ['cruxmap:claim', 'cruxmap:forClaim']) if (copy[key]) copy[key] = { ...(copy[key]), id: undefined };
        return copy;
      });
      return { ...rest, body, target: { ...a.target, source: a.target.source.replace(/\/w\/[^/]+\//, '/w/WS/') } };
    })
    .sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
}

describe('import', () => {
  it('round-trips a w3c export into an empty workspace with the same documents: the second export is the same but for ids and times', async () => {
    const file = await exportText(team.owner.id, team.workspace.slug, 'w3c');
    const other = await createTestWorkspace();
    const owner = await createTestUser();
    await addTestMember(other.id, owner.id, 'owner');
    await contextFor(owner.id, other.slug).then((ctx) => importDocument({ ctx, input: { slug: 'essay', text: essay, title: 'Power and alignment' } }));

    const result = await contextFor(owner.id, other.slug).then((ctx) => importAnnotations({ ctx, text: file }));
    expect(result).toMatchObject({ format: 'w3c', total: 5, created: 5, skipped: 0, orphans: [] });
    const again = parseCollection(await exportText(owner.id, other.slug, 'w3c'));
    expect(w3cExportViolations(again)).toEqual([]);
    expect(comparable(again)).toEqual(comparable(parseCollection(file)));
    // the imported annotations are the importer's, audited once, with a change event each
    const audit = await db.auditLog.findMany({ where: { workspaceId: other.id, action: 'annotation.imported' } });
    expect(audit).toHaveLength(1);
    expect(await db.changeEvent.count({ where: { workspaceId: other.id, entity: 'annotation', action: 'create' } })).toBe(5);

    // re-importing the same file changes nothing
    const before = await db.annotation.count({ where: { workspaceId: other.id } });
    const second = await contextFor(owner.id, other.slug).then((ctx) => importAnnotations({ ctx, text: file }));
    expect(second).toMatchObject({ created: 0, skipped: 5, claimsCreated: 0 });
    expect(await db.annotation.count({ where: { workspaceId: other.id } })).toBe(before);
  });

  it('skips its own annotations when a workspace re-imports its own export', async () => {
    const file = await exportText(team.owner.id, team.workspace.slug, 'w3c');
    const result = await contextFor(team.owner.id, team.workspace.slug).then((ctx) => importAnnotations({ ctx, text: file }));
    expect(result).toMatchObject({ created: 0, skipped: 5 });
  });

  it('anchors 950 of 1 000 Hypothesis annotations and reports the 50 whose quotes are not in the text as orphans', async () => {
    const ws = await createTestWorkspace();
    const owner = await createTestUser();
    await addTestMember(ws.id, owner.id, 'owner');
    const paragraphs = Array.from({ length: 40 }, (_, i) => `Paragraph ${i} discusses topic number ${i * 7} with distinct words like item${i}alpha and item${i}omega here.`);
    await contextFor(owner.id, ws.slug).then((ctx) => importDocument({ ctx, input: { slug: 'long-essay', text: ['Long essay', ...paragraphs].join('\n\n'), title: 'Long essay' } }));
    const rows = Array.from({ length: 1000 }, (_, i) => {
      const orphaned = i % 20 === 7; // 5%
      const p = i % 40;
      const exact = orphaned ? `zebra quantum lattice ${i} never written` : `distinct words like item${p}alpha`;
      return {
        id: `hyp-${i}`,
        created: '2024-05-01T10:00:00.000000+00:00',
        updated: '2024-05-02T10:00:00.000000+00:00',
        user: `acct:reader${i % 7}@hypothes.is`,
        uri: 'https://example.org/long-essay',
        text: `Note ${i}`,
        tags: [],
        document: { title: ['Long essay'] },
        target: [{ source: 'https://example.org/long-essay', selector: [{ type: 'TextQuoteSelector', exact, prefix: 'with ', suffix: ' and' }] }],
      };
    });
    const file = JSON.stringify({ total: rows.length, rows });
    const result = await contextFor(owner.id, ws.slug).then((ctx) => importAnnotations({ ctx, text: file, format: 'hypothesis' }));
    expect(result.format).toBe('hypothesis');
    expect(result.created).toBe(950);
    expect(result.orphans).toHaveLength(50);
    expect(result.orphans.every((o) => o.reason === 'quote-not-found' && o.exact?.startsWith('zebra'))).toBe(true);
    expect(result.orphans.map((o) => o.index)).toEqual(Array.from({ length: 50 }, (_, k) => k * 20 + 7));
    const stored = await db.annotation.findMany({ where: { workspaceId: ws.id }, select: { exact: true, start: true, rationaleText: true, externalCreator: true } });
    expect(stored).toHaveLength(950);
    const version = await db.documentVersion.findFirstOrThrow({ where: { workspaceId: ws.id }, select: { text: true } });
    for (const a of stored.slice(0, 50)) expect(version.text.slice(a.start, a.start + a.exact.length)).toBe(a.exact);
    expect(stored[0]?.externalCreator).toMatchObject({ id: expect.stringMatching(/^acct:reader\d@hypothes.is$/) as string });

    const again = await contextFor(owner.id, ws.slug).then((ctx) => importAnnotations({ ctx, text: file }));
    expect(again).toMatchObject({ created: 0, skipped: 950 });
    expect(again.orphans).toHaveLength(50);
    expect(await db.annotation.count({ where: { workspaceId: ws.id } })).toBe(950);
  });

  it('lists the replies it leaves out — answering an orphan, a reply left out, or nothing in the file — beside the orphans', async () => {
    const ws = await createTestWorkspace();
    const owner = await createTestUser();
    await addTestMember(ws.id, owner.id, 'owner');
    await contextFor(owner.id, ws.slug).then((ctx) => importDocument({ ctx, input: { slug: 'essay', text: essay, title: 'Power and alignment' } }));
    const at = 'https://elsewhere.example/annotations/';
    const note = (id: string, exact: string) => ({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: `${at}${id}`,
      type: 'Annotation',
      target: { source: 'https://elsewhere.example/essay', selector: [{ type: 'TextQuoteSelector', exact }] },
    });
    const reply = (id: string, target: string, text: string, created: string) => ({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: `${at}${id}`,
      type: 'Annotation',
      motivation: 'replying',
      created,
      target,
      body: { type: 'TextualBody', value: text, format: 'text/plain' },
    });
    const file = JSON.stringify({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'AnnotationCollection',
      first: {
        type: 'AnnotationPage',
        items: [
          note('found', 'power is useful'),
          note('lost', 'a sentence the essay never had'),
          reply('r-found', `${at}found`, 'Answers the one imported', '2024-05-01T10:00:00Z'),
          reply('r-lost', `${at}lost`, 'Answers the orphan', '2024-05-01T10:01:00Z'),
          reply('r-chain', `${at}r-lost`, 'Answers the reply left out', '2024-05-01T10:02:00Z'),
          reply('r-nowhere', 'https://elsewhere.example/annotations/not-in-file', 'Answers nothing here', '2024-05-01T10:03:00Z'),
          // dated before the reply it answers: it waits for it
          reply('r-early', `${at}r-found`, 'Answers a reply dated later', '2024-05-01T09:00:00Z'),
        ],
      },
    });
    const result = await contextFor(owner.id, ws.slug).then((ctx) => importAnnotations({ ctx, text: file, document: 'essay' }));
    expect(result).toMatchObject({ total: 2, created: 1, repliesCreated: 2, repliesSkipped: 0 });
    expect(result.orphans.map((o) => [o.index, o.reason])).toEqual([[1, 'quote-not-found']]);
    expect(result.replyOrphans).toEqual([
      { index: 3, sourceId: `${at}r-lost`, target: `${at}lost`, reason: 'target-not-imported', message: 'It answers annotation #1, which was not imported (quote-not-found).' },
      { index: 4, sourceId: `${at}r-chain`, target: `${at}r-lost`, reason: 'target-not-imported', message: 'It answers reply #3, which was not imported.' },
      {
        index: 5,
        sourceId: `${at}r-nowhere`,
        target: 'https://elsewhere.example/annotations/not-in-file',
        reason: 'target-not-in-file',
        message: 'It answers https://elsewhere.example/annotations/not-in-file, which is not in this file.',
      },
    ]);
    const thread = await db.reply.findMany({ where: { workspaceId: ws.id }, select: { id: true, parentId: true, bodyText: true }, orderBy: { createdAt: 'desc' } });
    expect(thread.map((r) => [r.bodyText, r.parentId])).toEqual([
      ['Answers the one imported', null],
      ['Answers a reply dated later', thread[0]?.id],
    ]);

    // run again: the reply already imported is skipped with its annotation, the others are listed again; the CLI lists them
    const fileOnDisk = path.join(await mkdtemp(path.join(os.tmpdir(), 'cruxmap-replies-')), 'replies.json');
    await writeFile(fileOnDisk, file);
    const again = await cruxmap(['import-annotations', fileOnDisk, '--workspace', ws.slug, '--document', 'essay']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('replies: 0 imported, 2 already there, 3 not imported');
    expect(again.stdout).toContain(`  reply #4 ${at}r-chain (target-not-imported): It answers reply #3, which was not imported.`);
    expect(await db.reply.count({ where: { workspaceId: ws.id } })).toBe(2);
  });

  it('stops the whole file at a bad row, naming its index and problem, and writes nothing', async () => {
    const file = parseCollection(await exportText(team.owner.id, team.workspace.slug, 'w3c'));
    const other = await createTestWorkspace();
    const owner = await createTestUser();
    await addTestMember(other.id, owner.id, 'owner');
    await contextFor(owner.id, other.slug).then((ctx) => importDocument({ ctx, input: { slug: 'essay', text: essay } }));
    const items = file.first.items;
    const bad = items.findIndex((a) => kindOf(a) === 'evidence');
    (must(items[bad], 'evidence').body[0] as W3cBody)['cruxmap:strength'] = 7;
    const before = { annotations: await db.annotation.count({ where: { workspaceId: other.id } }), claims: await db.claim.count({ where: { workspaceId: other.id } }) };
    const error = await contextFor(owner.id, other.slug).then((ctx) => importAnnotations({ ctx, text: JSON.stringify(file) })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('BAD_REQUEST');
    expect((error as AppError).message).toContain(`index ${bad}`);
    expect((error as AppError).fields).toEqual({ [`items.${bad}.body.0.cruxmap:strength`]: ['must be 1, 2 or 3'] });
    expect({ annotations: await db.annotation.count({ where: { workspaceId: other.id } }), claims: await db.claim.count({ where: { workspaceId: other.id } }) }).toEqual(before);

    const notJson = await contextFor(owner.id, other.slug).then((ctx) => importAnnotations({ ctx, text: '{"type": "AnnotationCollection",' })).catch((e: unknown) => e);
    expect((notJson as AppError).code).toBe('BAD_REQUEST');
  });

  it('lets owners only import: reviewers get 403, non-members 404', async () => {
    const file = await exportText(team.owner.id, team.workspace.slug, 'w3c');
    await expect(contextFor(team.reviewer.id, team.workspace.slug).then((ctx) => importAnnotations({ ctx, text: file }))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(contextFor(team.observer.id, team.workspace.slug).then((ctx) => importAnnotations({ ctx, text: file }))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(contextFor(team.outsider.id, team.workspace.slug).then((ctx) => importAnnotations({ ctx, text: file }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(exportText(team.outsider.id, team.workspace.slug, 'jsonl')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('blind review in exports', () => {
  it("hides other reviewers' probability values on a blind document from an observer, as the API does", async () => {
    const blindTeam = await createTestTeam();
    const ws = blindTeam.workspace.slug;
    await contextFor(blindTeam.owner.id, blindTeam.workspace.slug).then((ctx) => importDocument({ ctx, input: { slug: 'essay', text: essay } }));
    const made = await annotate(blindTeam.reviewer.id, ws, { document: 'essay', kind: 'claim', target: targetOf(docText, 'Advanced systems may seek power') });
    await annotate(blindTeam.reviewer.id, ws, { document: 'essay', kind: 'probability', target: targetOf(docText, 'power is useful'), probability: { claimId: made.annotation.claimId, value: 0.9 } });
    await db.document.updateMany({ where: { workspaceId: blindTeam.workspace.id }, data: { blind: true } });
    const observerRows = parseRows(await exportText(blindTeam.observer.id, ws, 'jsonl'));
    expect(observerRows.find((r) => r.kind === 'probability')?.probability).toEqual({ value: null, round: null, revisions: [] });
    const credences = parseCsv<Record<string, string>>(await exportText(blindTeam.observer.id, ws, 'credences'), { columns: true });
    expect(credences[0]?.[made.annotation.claimId as string]).toBe('');
    const ownerRows = parseRows(await exportText(blindTeam.owner.id, ws, 'jsonl'));
    expect(ownerRows.find((r) => r.kind === 'probability')?.probability?.value).toBe(0.9);
  });
});

describe('a rating\u2019s round and revisions, a claim\u2019s merges and the reply thread in the flat files', () => {
  let flat: Awaited<ReturnType<typeof createTestTeam>>;
  let claims: { a: string; b: string; c: string };
  let rating: string;
  const thread = { question: '', answer: '', hidden: '' };

  beforeAll(async () => {
    flat = await createTestTeam();
    const ws = flat.workspace.slug;
    await contextFor(flat.owner.id, ws).then((ctx) => importDocument({ ctx, input: { slug: 'essay', text: essay, title: 'Power and alignment' } }));
    const made = async (exact: string, statement: string) =>
      (await annotate(flat.reviewer.id, ws, { document: 'essay', kind: 'claim', target: targetOf(docText, exact), claim: { statement } })).annotation;
    const a = await made('Advanced systems may seek power', 'Advanced systems seek power');
    const b = await made('power is useful', 'Power is instrumentally useful');
    const c = await made('training shapes goals', 'Training shapes goals');
    claims = { a: a.claimId as string, b: b.claimId as string, c: c.claimId as string };
    rating = (await annotate(flat.reviewer.id, ws, { document: 'essay', kind: 'probability', target: targetOf(docText, 'almost any goal'), probability: { claimId: claims.a, value: 0.3 } })).annotation.id;
    await openRound({ ctx: await contextFor(flat.owner.id, ws), document: 'essay' });
    await annotate(flat.reviewer.id, ws, { document: 'essay', kind: 'probability', target: targetOf(docText, 'almost any goal'), probability: { claimId: claims.a, value: 0.5 } });
    await annotate(flat.reviewer.id, ws, { document: 'essay', kind: 'probability', target: targetOf(docText, 'almost any goal'), probability: { claimId: claims.a, value: 0.6 } });
    // C into B, then B into A: A holds both
    await mergeClaim({ ctx: await contextFor(flat.owner.id, ws), id: claims.c, into: claims.b });
    await mergeClaim({ ctx: await contextFor(flat.owner.id, ws), id: claims.b, into: claims.a });
    // the thread: a question (later deleted, kept as a placeholder because it has an answer), its answer, a reply a
    // moderator hid, and a deleted reply nobody answered (gone)
    const reply = async (userId: string, body: string, parentId?: string) =>
      createReply({ ctx: await contextFor(userId, ws), annotationId: a.id, input: createReplyInputSchema.parse({ body, parentId }) });
    thread.question = (await reply(flat.owner.id, 'Which systems, though?')).id;
    thread.answer = (await reply(flat.reviewer.id, 'Frontier ones.', thread.question)).id;
    thread.hidden = (await reply(flat.reviewer.id, 'Buy cheap watches')).id;
    const gone = (await reply(flat.owner.id, 'Never mind')).id;
    await updateReply({ ctx: await contextFor(flat.owner.id, ws), id: thread.hidden, input: updateReplyInputSchema.parse({ hidden: true }) });
    await deleteReply({ ctx: await contextFor(flat.owner.id, ws), id: thread.question });
    await deleteReply({ ctx: await contextFor(flat.owner.id, ws), id: gone });
  });

  it('CSV: the current value\u2019s round, how many values, the merged claims and the replies\u2019 text', async () => {
    const rows = parseCsv<Record<string, string>>(await exportText(flat.owner.id, flat.workspace.slug, 'csv'), { columns: true });
    const rated = must(rows.find((r) => r.id === rating), 'rating row');
    expect(rated).toMatchObject({ probability: '0.6', round: '2', revisions: '3', claim_merged_from: [claims.b, claims.c].sort().join(';') });
    const claimRow = must(rows.find((r) => r.kind === 'claim' && r.exact === 'Advanced systems may seek power'), 'claim row');
    expect(claimRow.round).toBe('');
    expect(claimRow.revisions).toBe('');
    // the owner: the deleted question as an empty placeholder (it has an answer), the answer, the hidden reply's text
    expect(JSON.parse(claimRow.replies as string)).toEqual([
      expect.objectContaining({ id: thread.question, parentId: null, text: '', deleted: true, hidden: false }),
      expect.objectContaining({ id: thread.answer, parentId: thread.question, text: 'Frontier ones.', author: flat.reviewer.name, deleted: false }),
      expect.objectContaining({ id: thread.hidden, text: 'Buy cheap watches', hidden: true }),
    ]);
    expect(claimRow.reply_count).toBe('2');
  });

  it('the reply thread as the API shows it to each viewer: a hidden reply\u2019s text only to owners and its author', async () => {
    const threadOf = async (userId: string) => {
      const rows = parseCsv<Record<string, string>>(await exportText(userId, flat.workspace.slug, 'csv'), { columns: true });
      const row = must(rows.find((r) => r.kind === 'claim' && r.exact === 'Advanced systems may seek power'), 'claim row');
      return { count: row.reply_count, replies: JSON.parse(row.replies as string) as { id: string; text: string; hidden: boolean; deleted: boolean }[] };
    };
    const observer = await threadOf(flat.observer.id);
    expect(observer.replies.map((r) => [r.id, r.text, r.hidden, r.deleted])).toEqual([
      [thread.question, '', false, true],
      [thread.answer, 'Frontier ones.', false, false],
      [thread.hidden, '', true, false],
    ]);
    expect(observer.count).toBe('1');
    const author = await threadOf(flat.reviewer.id);
    expect(author.replies.find((r) => r.id === thread.hidden)?.text).toBe('Buy cheap watches');
    const jsonl = must(parseRows(await exportText(flat.observer.id, flat.workspace.slug, 'jsonl')).find((r) => r.kind === 'claim' && r.target?.exact === 'Advanced systems may seek power'), 'claim');
    expect(jsonl.replies).toEqual([
      expect.objectContaining({ id: thread.question, text: '', tiptap: null, deleted: true }),
      expect.objectContaining({ id: thread.answer, parentId: thread.question, text: 'Frontier ones.' }),
      expect.objectContaining({ id: thread.hidden, text: '', tiptap: null, hidden: true }),
    ]);
    // W3C writes only the replies the viewer may read: the answer
    const w3c = JSON.stringify(JSON.parse(await exportText(flat.observer.id, flat.workspace.slug, 'w3c')));
    expect(w3c).toContain('Frontier ones.');
    expect(w3c).not.toContain('Buy cheap watches');
    expect(w3c).not.toContain('Which systems, though?');
  });

  it('blind review: a value hidden from a reviewer who has not rated the claim has no round and no count', async () => {
    await db.document.updateMany({ where: { workspaceId: flat.workspace.id }, data: { blind: true } });
    try {
      const rows = parseCsv<Record<string, string>>(await exportText(flat.observer.id, flat.workspace.slug, 'csv'), { columns: true });
      expect(must(rows.find((r) => r.id === rating), 'rating row')).toMatchObject({ probability: '', round: '', revisions: '' });
      const jsonl = must(parseRows(await exportText(flat.observer.id, flat.workspace.slug, 'jsonl')).find((r) => r.id === rating), 'rating');
      expect(jsonl.probability).toEqual({ value: null, round: null, revisions: [] });
    } finally {
      await db.document.updateMany({ where: { workspaceId: flat.workspace.id }, data: { blind: false } });
    }
  });

  it('JSONL: each value with its round, and the claim\u2019s merge history', async () => {
    const rated = must(parseRows(await exportText(flat.owner.id, flat.workspace.slug, 'jsonl')).find((r) => r.id === rating), 'rating');
    expect(rated.probability).toMatchObject({ value: 0.6, round: 2, revisions: [{ value: 0.3, round: 1 }, { value: 0.5, round: 2 }, { value: 0.6, round: 2 }] });
    expect(rated.claim?.mergedFrom).toEqual([claims.b, claims.c].sort());
  });

  it('the credence matrix\u2019s claims file names each column\u2019s claim, in the matrix\u2019s order, and agrees with the package\u2019s round', async () => {
    const matrix: string[][] = parseCsv(await exportText(flat.owner.id, flat.workspace.slug, 'credences'));
    const list = parseCsv<Record<string, string>>(await exportText(flat.owner.id, flat.workspace.slug, 'credence-claims'), { columns: true });
    expect(list.map((r) => r.claim_id)).toEqual((matrix[0] as string[]).slice(2));
    expect(list).toEqual([{ claim_id: claims.a, statement: 'Advanced systems seek power', merged_from: [claims.b, claims.c].sort().join(';') }]);
    const pkg = await preparePackage({ ctx: await contextFor(flat.owner.id, flat.workspace.slug), identities: true });
    const entry = must(pkg.entries.find((e) => e.path === 'credences.csv'), 'credences.csv');
    const text = await entryText(entry);
    const credences = parseCsv<Record<string, string>>(text, { columns: true });
    expect(credences.find((r) => r.claimId === claims.a && r.reviewerId === flat.reviewer.id)?.round).toBe('2');
  });
});
