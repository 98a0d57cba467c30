// The dataset formatters and file readers, without a database: CSV quoting and formula neutralising (read back
// with csv-parse), the hand-built JSONL line equal to JSON.stringify of the record object, pseudonyms, the W3C
// annotation shape, the Prefer header, and what the import reader accepts and refuses.
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { ClaimHistory } from './claim-history';
import { annotationColumns, csvCell, csvLine, csvRow, neutralise } from './csv';
import { parseImportFile } from './import-formats';
import { jsonlLine, jsonlObject, PassageJsonCache } from './jsonl';
import { Identities, type ExportContext, type ExportRecord } from './model';
import { parsePrefer, PREFER_IRIS, PREFER_MINIMAL } from './w3c-container';
import { collectionFrame, motivationOf, w3cAnnotation } from './w3c';
import { bmpPositions } from './version-offsets';

const record = (overrides: Partial<ExportRecord> = {}): ExportRecord => ({
  id: 'a1',
  workspaceId: 'w1',
  documentId: 'd1',
  documentSlug: 'essay',
  documentTitle: 'An "essay", with commas',
  versionId: 'v1',
  versionNumber: 2,
  kind: 'probability',
  claimId: 'c1',
  claimStatement: 'Power is useful\nfor "most" goals',
  forClaimId: null,
  forClaimStatement: null,
  stance: null,
  strength: null,
  source: null,
  direction: null,
  value: 0.35,
  rationale: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '=1+1 \u2028 and </script>' }] }] },
  rationaleText: '=1+1 \u2028 and </script>',
  exact: 'quote',
  prefix: 'before ',
  suffix: ' after',
  start: 10,
  end: 15,
  anchorStatus: 'anchored',
  anchoredVersionId: 'v1',
  anchoredStart: 10,
  anchoredEnd: 15,
  authorId: 'u1',
  authorName: 'Ada',
  authorEmail: 'ada@example.test',
  externalCreator: null,
  externalSource: null,
  externalId: null,
  resolved: false,
  hidden: false,
  version: 3,
  createdAt: '2026-01-02T03:04:05.678Z',
  updatedAt: '2026-01-02T03:04:06.000Z',
  revisions: [
    { value: 0.2, at: '2026-01-01T00:00:00.000Z' },
    { value: 0.35, at: '2026-01-02T03:04:05.678Z' },
  ],
  replies: [
    { id: 'r1', parentId: null, authorId: 'u2', authorName: 'Bo', authorEmail: 'bo@example.test', text: 'Hm', body: null, createdAt: '2026-01-03T00:00:00.000Z', updatedAt: '2026-01-03T00:00:00.000Z', hidden: false, deleted: false, listed: true },
  ],
  ...overrides,
});

const context = (overrides: Partial<ExportContext> = {}): ExportContext => ({
  baseUrl: 'https://cruxmap.example',
  workspaceSlug: 'team',
  identities: new Identities(false, true),
  hiddenClaims: new Set(),
  viewerId: 'u9',
  positions: bmpPositions,
  // c1 has c0 merged into it, and c0 had c00 merged into it first; round 2 opened on d1 between the two values
  claims: new ClaimHistory({
    merges: [
      { id: 'c0', mergedIntoId: 'c1' },
      { id: 'c00', mergedIntoId: 'c0' },
    ],
    claimDocuments: [{ claimId: 'c1', documentId: 'd1' }],
    rounds: [{ documentId: 'd1', number: 2, openedAt: new Date('2026-01-02T00:00:00.000Z') }],
  }),
  ...overrides,
});

describe('csv', () => {
  it('quotes commas, quotes and line breaks as RFC 4180 says, and reads back the same with csv-parse', () => {
    const cells = ['plain', 'with, comma', 'with "quotes"', 'two\nlines', 'crlf\r\nline', 42, 0.5, true, null, ''];
    const text = csvRow(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'h7', 'h8', 'h9', 'h10']) + csvRow(cells);
    const rows: string[][] = parseCsv(text);
    const row = rows[1];
    expect(row).toEqual(['plain', 'with, comma', 'with "quotes"', 'two\nlines', 'crlf\r\nline', '42', '0.5', 'true', '', '']);
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('neutralises text that a spreadsheet would run as a formula, and leaves numbers alone', () => {
    for (const formula of ['=SUM(A1)', '+1', '-2+3', '@cmd', '\tx', '\rx']) expect(neutralise(formula)).toBe(`'${formula}`);
    expect(neutralise('a=b')).toBe('a=b');
    expect(csvCell(-1.5)).toBe('-1.5');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
  });
});

describe('jsonl', () => {
  it('builds each line as exactly the JSON of the record object, whatever the kind', () => {
    const cache = new PassageJsonCache();
    const passages = [
      { id: 'p1', text: 'First "passage"\n' },
      { id: 'p2', text: 'Second' },
    ];
    const kinds: Partial<ExportRecord>[] = [
      {},
      { kind: 'claim', value: null, revisions: null },
      { kind: 'evidence', value: null, revisions: null, stance: 'against', strength: 2, source: 'https://x.example/?a=1' },
      { kind: 'crux', value: null, revisions: null, forClaimId: 'c2', forClaimStatement: 'Other', direction: 'less', replies: [] },
      { externalCreator: { id: 'acct:x@h', name: 'X' }, externalSource: 'hypothesis', externalId: 'h-1', rationale: null, rationaleText: null },
      { anchorStatus: 'orphan', anchoredVersionId: null, anchoredStart: null, anchoredEnd: null },
    ];
    for (const overrides of kinds) {
      for (const ctx of [context(), context({ identities: new Identities(true, false) }), context({ hiddenClaims: new Set(['c1']) })]) {
        const r = record(overrides);
        const line = jsonlLine(r, passages, ctx, cache);
        expect(line.endsWith('\n')).toBe(true);
        expect(line.slice(0, -1)).not.toContain('\n');
        expect(JSON.parse(line)).toEqual(JSON.parse(JSON.stringify(jsonlObject(r, passages, ctx))));
      }
    }
  });

  it('gives one person one pseudonym throughout an export, another in the next, and drops emails', () => {
    const first = new Identities(true, true);
    expect(first.user('u1', 'Ada', 'ada@example.test')).toEqual({ id: first.pseudonym('user:u1'), name: first.pseudonym('user:u1'), email: null });
    expect(first.user('u1', 'Ada', null).id).toBe(first.user('u1', 'Ada', null).id);
    expect(first.user('u1', 'Ada', null).id).not.toBe(first.user('u2', 'Bo', null).id);
    expect(new Identities(true, true).user('u1', 'Ada', null).id).not.toBe(first.user('u1', 'Ada', null).id);
    const line = jsonlLine(record(), [], context({ identities: first }));
    expect(line).not.toMatch(/ada@|bo@|"Ada"|"Bo"|"u1"|"u2"/);
  });

  it("hides another reviewer's value on a blind claim, but never the viewer's own", () => {
    const hidden = JSON.parse(jsonlLine(record(), [], context({ hiddenClaims: new Set(['c1']) }))) as { probability: unknown };
    expect(hidden.probability).toEqual({ value: null, round: null, revisions: [] });
    const own = JSON.parse(jsonlLine(record(), [], context({ hiddenClaims: new Set(['c1']), viewerId: 'u1' }))) as { probability: { value: number } };
    expect(own.probability.value).toBe(0.35);
  });
});

describe('a rating\u2019s rounds, its replies and its claim\u2019s merges', () => {
  const cellsOf = (line: string): Record<string, string> => {
    const [header, row]: string[][] = parseCsv(annotationColumns.join(',') + '\r\n' + line);
    return Object.fromEntries((header as string[]).map((h, i) => [h, (row as string[])[i] as string]));
  };

  it('gives each value its round, and the CSV the current value\u2019s round and how many values there were', () => {
    const line = JSON.parse(jsonlLine(record(), [], context())) as { probability: unknown; claim: unknown };
    expect(line.probability).toEqual({
      value: 0.35,
      round: 2,
      revisions: [
        { value: 0.2, at: '2026-01-01T00:00:00.000Z', round: 1 },
        { value: 0.35, at: '2026-01-02T03:04:05.678Z', round: 2 },
      ],
    });
    const cells = cellsOf(csvLine(record(), [], context()));
    expect(cells).toMatchObject({ round: '2', revisions: '2', claim_merged_from: 'c0;c00' });
    // blind review: neither the round nor the count of another reviewer's hidden value
    expect(cellsOf(csvLine(record(), [], context({ hiddenClaims: new Set(['c1']) })))).toMatchObject({ probability: '', round: '', revisions: '' });
    // not a rating: no round
    expect(cellsOf(csvLine(record({ kind: 'claim', value: null, revisions: null }), [], context()))).toMatchObject({ round: '', revisions: '' });
  });

  it('names every claim merged into the claim, directly or through another, once each', () => {
    expect((JSON.parse(jsonlLine(record(), [], context())) as { claim: unknown }).claim).toEqual({ id: 'c1', statement: expect.any(String) as string, mergedFrom: ['c0', 'c00'] });
    const cycle = new ClaimHistory({ merges: [{ id: 'a', mergedIntoId: 'b' }, { id: 'b', mergedIntoId: 'a' }], claimDocuments: [], rounds: [] });
    expect(cycle.mergedFrom('a')).toEqual(['b']);
    expect(ClaimHistory.empty.roundAt('x', '2026-01-01T00:00:00.000Z')).toBe(1);
  });

  it('writes the reply thread into the CSV as JSON, with people shown as the export shows them', () => {
    const replies = JSON.parse(cellsOf(csvLine(record(), [], context())).replies as string) as unknown[];
    expect(replies).toEqual([{ id: 'r1', parentId: null, author: 'Bo', authorId: 'u2', text: 'Hm', hidden: false, deleted: false, createdAt: '2026-01-03T00:00:00.000Z' }]);
    const pseudonymous = cellsOf(csvLine(record(), [], context({ identities: new Identities(true, false) }))).replies as string;
    expect(pseudonymous).not.toMatch(/Bo|u2/);
  });
});

describe('w3c', () => {
  it('writes the selectors, source, motivation, creator and bodies the W3C model specifies', () => {
    const a = w3cAnnotation(record({ kind: 'evidence', value: null, stance: 'for', strength: 3, source: 'https://src.example/' }), context());
    expect(a).toMatchObject({
      '@context': ['http://www.w3.org/ns/anno.jsonld', 'https://cruxmap.example/ns/cruxmap.jsonld'],
      id: 'https://cruxmap.example/api/v1/workspaces/team/w3c/annotations/a1',
      type: 'Annotation',
      motivation: 'linking',
      created: '2026-01-02T03:04:05.678Z',
      modified: '2026-01-02T03:04:06.000Z',
      creator: { id: 'urn:cruxmap:user:u1', type: 'Person', name: 'Ada', email: 'mailto:ada@example.test' },
      target: {
        type: 'SpecificResource',
        source: 'https://cruxmap.example/w/team/documents/essay?version=2',
        selector: [
          { type: 'TextQuoteSelector', exact: 'quote', prefix: 'before ', suffix: ' after' },
          { type: 'TextPositionSelector', start: 10, end: 15 },
        ],
      },
    });
    expect(a.body[0]).toMatchObject({ type: 'TextualBody', purpose: 'linking', 'cruxmap:kind': 'evidence', 'cruxmap:stance': 'for', 'cruxmap:strength': 3 });
    expect(a.body[1]).toMatchObject({ type: 'TextualBody', purpose: 'commenting', format: 'text/plain', value: '=1+1 \u2028 and </script>' });
    expect(motivationOf).toEqual({ claim: 'describing', evidence: 'linking', crux: 'linking', probability: 'assessing' });
  });

  it('omits an empty prefix or suffix rather than writing an empty one', () => {
    const a = w3cAnnotation(record({ prefix: '', suffix: '' }), context());
    expect(a.target.selector[0]).toEqual({ type: 'TextQuoteSelector', exact: 'quote' });
  });

  it('frames a collection whose items can be streamed between head and tail', () => {
    const frame = collectionFrame({ id: 'https://x.example/c', label: 'L', total: 2, generated: '2026-01-01T00:00:00.000Z', baseUrl: 'https://x.example' });
    const parsed = JSON.parse(`${frame.head}{"a":1}${frame.separator}{"b":2}${frame.tail}`) as { first: { items: unknown[] }; total: number };
    expect(parsed.first.items).toEqual([{ a: 1 }, { b: 2 }]);
    expect(JSON.parse(`${frame.head}${frame.tail}`)).toMatchObject({ type: 'AnnotationCollection', first: { items: [] } });
  });
});

describe('Prefer', () => {
  it('reads the protocol preferences, several URIs in one include', () => {
    expect(parsePrefer(null)).toEqual({ minimal: false, iris: false, applied: false });
    expect(parsePrefer(`return=representation;include="${PREFER_MINIMAL} ${PREFER_IRIS}"`)).toEqual({ minimal: true, iris: true, applied: true });
    expect(parsePrefer(`return=representation; include="${PREFER_IRIS} http://www.w3.org/ns/oa#PreferContainedDescriptions"`).iris).toBe(false);
    expect(parsePrefer('respond-async, wait=10')).toEqual({ minimal: false, iris: false, applied: false });
  });
});

describe('parseImportFile', () => {
  it('reads Hypothesis rows: quote, position, text and creator', () => {
    const file = JSON.stringify({
      total: 1,
      rows: [
        {
          id: 'h1',
          created: '2024-01-01T00:00:00.000000+00:00',
          user: 'acct:ada@hypothes.is',
          user_info: { display_name: 'Ada L.' },
          uri: 'https://example.org/essay',
          text: 'A note',
          document: { title: ['Essay'] },
          target: [
            {
              source: 'https://example.org/essay',
              selector: [
                { type: 'RangeSelector', startContainer: '/p[1]', endContainer: '/p[1]', startOffset: 0, endOffset: 5 },
                { type: 'TextPositionSelector', start: 3, end: 8 },
                { type: 'TextQuoteSelector', exact: 'quote', prefix: 'a ', suffix: ' b' },
              ],
            },
          ],
        },
      ],
    });
    const { format, items } = parseImportFile(file);
    expect(format).toBe('hypothesis');
    expect(items[0]).toMatchObject({
      sourceId: 'h1',
      sourceUri: 'https://example.org/essay',
      sourceTitle: 'Essay',
      quote: { exact: 'quote', prefix: 'a ', suffix: ' b' },
      position: { start: 3, end: 8 },
      fields: { kind: 'claim', statement: null },
      rationale: { text: 'A note' },
      creator: { id: 'acct:ada@hypothes.is', name: 'Ada L.' },
    });
  });

  it("reads another tool's W3C annotation as a claim on its quote, with its text as the rationale", () => {
    const { format, items } = parseImportFile(
      JSON.stringify({
        '@context': 'http://www.w3.org/ns/anno.jsonld',
        id: 'http://example.org/anno1',
        type: 'Annotation',
        body: { type: 'TextualBody', value: 'Comment text', format: 'text/plain' },
        target: { source: 'http://example.org/page1', selector: { type: 'TextQuoteSelector', exact: 'anotation' } },
      }),
    );
    expect(format).toBe('w3c');
    expect(items[0]).toMatchObject({ sourceId: 'http://example.org/anno1', quote: { exact: 'anotation' }, fields: { kind: 'claim' }, rationale: { text: 'Comment text' } });
  });

  it('refuses a bad row with BAD_REQUEST naming its index and field', () => {
    const rows = [
      { id: 'ok', uri: 'u', target: [{ selector: [{ type: 'TextQuoteSelector', exact: 'x' }] }] },
      { id: 'bad', uri: 'u', target: [{ selector: [{ type: 'TextQuoteSelector', exact: '' }] }] },
    ];
    const error = (() => {
      try {
        parseImportFile(JSON.stringify({ rows }));
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(/index 1/);
    expect((error as AppError).fields).toEqual({ 'items.1.target.0.selector.0.exact': ['must not be empty'] });
    expect(() => parseImportFile('{nope')).toThrow(/not valid JSON/);
  });
});
