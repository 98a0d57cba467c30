// W3C offsets count characters (Unicode code points), the app UTF-16 code units (issue 17, item 1). On a text with
// astral characters (😀, 𝔸), combining marks (e + U+0301) and a CRLF line break, every exported
// TextPositionSelector and TextQuoteSelector is resolved by an independent implementation — Apache Annotator's
// matchers — to exactly the annotated words; the export passes the W3C test suite's schemas; and importing it into
// another workspace anchors each annotation on the same words (the same UTF-16 offsets in the JSON API).
import { textPositionSelectorMatcher, textQuoteSelectorMatcher } from '@apache-annotator/selector';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnnotationDto } from '@/lib/annotations/types';
import { env } from '@/lib/env';
import { cruxmap } from '../support/cli';
import { createWorkspace, importDocument, signedInClient, signUp, type TestWorkspace } from '../support/api-actors';
import { expectOk, HttpClient } from '../support/http-client';
import { inProcessApp } from '../support/in-process-app';
import { uniqueClientIp } from '../support/unique';
import { w3cExportViolations } from '../support/w3c-schemas';

const app = inProcessApp();
const clientIp = uniqueClientIp();
const body = [
  '# Emoji 😀 and math 𝔸',
  'The café\u0301 says 😀😀 before the claim: models 𝔸 scheme rarely.',
  'A second line\r\nwith a CRLF, then 𝔸𝔹ℂ and the last claim here.',
  'Close together: 😀😀😀😀 𝔸 and 𝔸 again.',
].join('\n\n');
const quotes = ['models 𝔸 scheme rarely', 'the last claim here', 'café\u0301 says 😀😀'];

let owner: HttpClient;
let source: TestWorkspace;
let target: TestWorkspace;
let text: string;
const made: AnnotationDto[] = [];

type Selector = { type: string; start?: number; end?: number; exact?: string; prefix?: string; suffix?: string };
type W3cItem = { id: string; target: { source: string; selector: Selector[] } };

const api = (ws: TestWorkspace, path: string) => `/api/v1/workspaces/${ws.slug}${path}`;
const chunkerOf = (data: string) => {
  const chunk = { data };
  return { currentChunk: chunk, nextChunk: () => null, previousChunk: () => null, precedesCurrentChunk: () => false };
};

beforeAll(async () => {
  const anonymous = new HttpClient(app, { clientIp });
  owner = await signedInClient(app, await signUp(anonymous, 'w3cpoints'), clientIp);
  source = await createWorkspace(owner, 'w3c-points');
  target = await createWorkspace(owner, 'w3c-points-copy');
  await importDocument(owner, source.slug, { slug: 'astral', title: 'Astral', text: body });
  await importDocument(owner, target.slug, { slug: 'astral', title: 'Astral', text: body });
  text = expectOk<{ text: string }>(await owner.get(api(source, '/documents/astral')), 'text').text;
  for (const quote of quotes) {
    const start = text.indexOf(quote);
    expect(start, quote).toBeGreaterThan(0);
    made.push(expectOk<AnnotationDto>(await owner.post(api(source, '/annotations'), { document: 'astral', kind: 'claim', target: { exact: quote, start, end: start + quote.length } }), quote));
  }
  // a thread on the first: a reply, and a reply to it
  const first = expectOk<{ id: string }>(await owner.post(api(source, `/annotations/${made[0]!.id}/replies`), { body: 'Why rarely 😀?' }), 'reply');
  expectOk(await owner.post(api(source, `/annotations/${made[0]!.id}/replies`), { body: 'Because of 𝔸.', parentId: first.id }), 'reply to the reply');
});

describe('W3C offsets in code points', () => {
  it('exports selectors that an independent implementation resolves to the annotated words', async () => {
    expect([...text].length).toBeLessThan(text.length); // the text has astral characters
    const response = await owner.get(api(source, '/export?format=w3c'));
    expect(response.status).toBe(200);
    const exported = JSON.parse(response.text) as Record<string, unknown>;
    expect(w3cExportViolations(exported)).toEqual([]);
    const all = (exported.first as { items: (W3cItem & { motivation: string; body: { value: string }; target: unknown })[] }).items;
    expect(exported.total).toBe(quotes.length + 2);
    // replies are annotations with motivation "replying" whose target is what they answer
    const replies = all.filter((i) => i.motivation === 'replying');
    expect(replies.map((r) => r.body.value)).toEqual(['Why rarely 😀?', 'Because of 𝔸.']);
    expect(replies[0]!.target).toBe(all.find((i) => i.motivation !== 'replying' && i.target.selector.some((x) => x.exact === quotes[0]))!.id);
    expect(replies[1]!.target).toBe(replies[0]!.id);
    const items = all.filter((i) => i.motivation !== 'replying');
    expect(items).toHaveLength(quotes.length);
    for (const item of items) {
      const position = item.target.selector.find((s) => s.type === 'TextPositionSelector')!;
      const quote = item.target.selector.find((s) => s.type === 'TextQuoteSelector')!;
      const byPosition = (await textPositionSelectorMatcher({ type: 'TextPositionSelector', start: position.start!, end: position.end! })(chunkerOf(text)).next()).value;
      expect(byPosition && text.slice(byPosition.startIndex, byPosition.endIndex)).toBe(quote.exact);
      const byQuote = (await textQuoteSelectorMatcher({ type: 'TextQuoteSelector', exact: quote.exact!, prefix: quote.prefix, suffix: quote.suffix })(chunkerOf(text)).next()).value;
      expect(byQuote && [byQuote.startIndex, byQuote.endIndex]).toEqual(byPosition && [byPosition.startIndex, byPosition.endIndex]);
      // the code-point offsets are smaller than the UTF-16 ones by the astral characters before them
      const mine = made.find((m) => m.target.exact === quote.exact)!;
      expect(position.start).toBe([...text.slice(0, mine.target.start)].length);
      expect(position.end! - position.start!).toBe([...quote.exact!].length);
    }
  });

  it('imports the export back onto the same words (code points in, UTF-16 in the JSON API)', async () => {
    const file = JSON.parse((await owner.get(api(source, '/export?format=w3c'))).text) as unknown;
    const imported = expectOk<{ import: { created: number; orphans: unknown[] } }>(await owner.post(api(target, '/import?format=w3c&document=astral'), file), 'import');
    expect(imported.import.created).toBe(quotes.length);
    expect(imported.import.orphans).toEqual([]);
    expect((imported.import as { repliesCreated?: number }).repliesCreated).toBe(2);
    const { items } = expectOk<{ items: AnnotationDto[] }>(await owner.get(api(target, '/annotations?document=astral')), 'annotations');
    // a quote found several times, told apart only by its position (in code points): the last 𝔸, a few characters
    // after another one — read as UTF-16, its offset would land on the one before
    const third = text.lastIndexOf('𝔸');
    const lone = {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: 'https://elsewhere.example/annotations/lone',
      type: 'Annotation',
      target: { source: 'https://elsewhere.example/astral', selector: [{ type: 'TextQuoteSelector', exact: '𝔸' }, { type: 'TextPositionSelector', start: [...text.slice(0, third)].length, end: [...text.slice(0, third)].length + 1 }] },
    };
    expectOk(await owner.post(api(target, '/import?format=w3c&document=astral'), lone), 'import one');
    const again = expectOk<{ items: AnnotationDto[] }>(await owner.get(api(target, '/annotations?document=astral')), 'annotations').items;
    const placed = again.find((a) => a.target.exact === '𝔸')!;
    expect([placed.anchor.start, placed.anchor.end]).toEqual([third, third + 2]);
    for (const quote of quotes) {
      const copy = items.find((a) => a.target.exact === quote)!;
      const original = made.find((a) => a.target.exact === quote)!;
      expect([copy.anchor.start, copy.anchor.end], quote).toEqual([original.target.start, original.target.end]);
    }
    // the thread came back as a thread: the reply, and the reply to it under it
    const copied = items.find((a) => a.target.exact === quotes[0])!;
    const thread = expectOk<{ items: { id: string; parentId: string | null; bodyText: string }[] }>(await owner.get(api(target, `/annotations/${copied.id}/replies`)), 'thread').items;
    expect(thread.map((r) => r.bodyText)).toEqual(['Why rarely 😀?', 'Because of 𝔸.']);
    expect(thread[0]!.parentId).toBeNull();
    expect(thread[1]!.parentId).toBe(thread[0]!.id);
    // importing the same file again changes nothing
    const again2 = expectOk<{ import: { created: number; repliesCreated: number } }>(await owner.post(api(target, '/import?format=w3c&document=astral'), file), 'again');
    expect([again2.import.created, again2.import.repliesCreated]).toEqual([0, 0]);
  });

  it('names ids and sources by CRUXMAP_PUBLIC_URL, the same from the API and the CLI', async () => {
    const before = env.CRUXMAP_PUBLIC_URL;
    env.CRUXMAP_PUBLIC_URL = 'https://cruxmap.example.org/';
    try {
      const response = await owner.get(api(source, '/export?format=w3c'));
      expect(response.status).toBe(200);
      const fromApi = (JSON.parse(response.text) as { first: { items: W3cItem[] } }).first.items;
      const cli = await cruxmap(['export', '--workspace', source.slug, '--format', 'w3c']);
      expect(cli.code, cli.stderr).toBe(0);
      const fromCli = (JSON.parse(cli.stdout) as { first: { items: W3cItem[] } }).first.items;
      expect(fromApi.length).toBeGreaterThan(quotes.length); // the annotations and their replies
      for (const item of fromApi) {
        expect(item.id).toMatch(new RegExp(`^https://cruxmap\\.example\\.org/api/v1/workspaces/${source.slug}/`));
        const sources = (Array.isArray(item.target) ? item.target : [item.target]) as { source?: string }[];
        for (const t of sources) if (t.source) expect(t.source).toMatch(/^https:\/\/cruxmap\.example\.org\//);
      }
      expect(fromCli.map((i) => [i.id, i.target])).toEqual(fromApi.map((i) => [i.id, i.target]));
    } finally {
      env.CRUXMAP_PUBLIC_URL = before;
    }
  });
});
