// GET …/export?format=polis over HTTP (the in-process app), on a hand-built panel: the zip holds Polis's
// comments.csv, votes.csv and participants-votes.csv with exactly Polis's columns; every vote is the credence mapped
// by the thresholds (above 0.6 agree 1, below 0.4 disagree -1, 0.4 and 0.6 themselves pass 0); counts per comment
// and per participant add up; comments are the live claims in the order made (a merged one is gone); ids.csv maps
// back; blind review is respected; a claim a moderator hid is `moderated` -1 (its statement masked for reviewers); identities are refused; unknown formats are a 400.
import { parse } from 'csv-parse/sync';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnnotationDto } from '@/lib/annotations/types';
import { addMemberByEmail, createWorkspace, importDocument, signedInClient, signUp, type TestWorkspace } from '../support/api-actors';
import { errorOf, expectOk, HttpClient, type ApiResponse } from '../support/http-client';
import { inProcessApp } from '../support/in-process-app';
import { uniqueClientIp } from '../support/unique';

const app = inProcessApp();
const clientIp = uniqueClientIp();
const sentences = ['Power-seeking is convergent.', 'Deception needs situational awareness.', 'Evaluations catch most scheming.', 'A duplicate of the first claim.'];
// reviewer × claim (the first three claims): the thresholds' edges on purpose
const panel = [
  [0.61, 0.6, 0.39],
  [0.4, 0.9, 0.1],
  [0.95, 0.5, null],
  [0.05, 0.41, 0.59],
];

let owner: HttpClient;
let reviewers: HttpClient[];
let workspace: TestWorkspace;
const claims: string[] = [];
const claimAnnotations: string[] = [];

const api = (path: string) => `/api/v1/workspaces/${workspace.slug}${path}`;
const polisOf = (client: HttpClient, query = ''): Promise<ApiResponse> => client.get(api(`/export?format=polis${query}`));

async function filesOf(response: ApiResponse): Promise<Map<string, Record<string, string>[]>> {
  const zip = await JSZip.loadAsync(response.bytes as Uint8Array);
  const files = new Map<string, Record<string, string>[]>();
  for (const name of Object.keys(zip.files)) {
    const text = await (zip.file(name) as JSZip.JSZipObject).async('string');
    files.set(name, name.endsWith('.csv') ? parse<Record<string, string>>(text, { columns: true }) : [{ text }]);
  }
  return files;
}

const headerOf = async (response: ApiResponse, name: string): Promise<string> => {
  const zip = await JSZip.loadAsync(response.bytes as Uint8Array);
  return ((await (zip.file(name) as JSZip.JSZipObject).async('string')).split('\n')[0] as string).trim();
};

beforeAll(async () => {
  const anonymous = new HttpClient(app, { clientIp });
  const accounts = await Promise.all(['powner', 'p1', 'p2', 'p3', 'p4'].map((label) => signUp(anonymous, label)));
  owner = await signedInClient(app, accounts[0]!, clientIp);
  reviewers = await Promise.all(accounts.slice(1).map((a) => signedInClient(app, a, clientIp)));
  workspace = await createWorkspace(owner, 'polis');
  for (const [i, a] of accounts.slice(1).entries()) await addMemberByEmail(owner, workspace.slug, a, 'reviewer', reviewers[i]);
  const doc = (await importDocument(owner, workspace.slug, { slug: 'polis-doc', text: ['# Polis', ...sentences].join('\n\n') })).slug;
  const text = expectOk<{ text: string }>(await owner.get(api(`/documents/${doc}`)), 'text').text;
  for (const quote of sentences) {
    const start = text.indexOf(quote);
    const made = expectOk<AnnotationDto>(await owner.post(api('/annotations'), { document: doc, kind: 'claim', target: { exact: quote, start, end: start + quote.length } }), 'claim');
    claims.push(made.claimId as string);
    claimAnnotations.push(made.id);
  }
  for (const [r, row] of panel.entries()) {
    for (const [c, value] of row.entries()) {
      if (value !== null) expectOk(await reviewers[r]!.post(api('/annotations'), { kind: 'probability', probability: { claimId: claims[c], value } }), 'rate');
    }
  }
  // the fourth claim merged into the first: it is no longer a comment
  expectOk(await owner.post(api(`/claims/${claims[3]}/merge`), { into: claims[0] }), 'merge');
});

describe('GET …/export?format=polis', () => {
  it("writes Polis's three files with Polis's columns, every vote mapped by the thresholds", async () => {
    const response = await polisOf(owner);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="${workspace.slug}-polis-.+\\.zip"$`));
    expect(await headerOf(response, 'comments.csv')).toBe('timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body');
    expect(await headerOf(response, 'votes.csv')).toBe('timestamp,datetime,comment-id,voter-id,vote');
    expect(await headerOf(response, 'participants-votes.csv')).toBe('participant,group-id,n-comments,n-votes,n-agree,n-disagree,0,1,2');
    const files = await filesOf(response);

    // comments: the three live claims in the order made, with their statements
    const comments = files.get('comments.csv')!;
    expect(comments.map((c) => [c['comment-id'], c['comment-body'], c.moderated])).toEqual([
      ['0', sentences[0], '1'],
      ['1', sentences[1], '1'],
      ['2', sentences[2], '1'],
    ]);
    for (const c of comments) {
      expect(Number(c.timestamp)).toBe(Math.floor(Date.parse(c.datetime!.replace(/ \(.+\)$/, '')) / 1000));
      expect(c.datetime).toMatch(/^[A-Z][a-z]{2} [A-Z][a-z]{2} \d{2} \d{4} \d{2}:\d{2}:\d{2} GMT\+0000 \(Coordinated Universal Time\)$/);
    }

    // ids.csv: which participant is which pseudonymous reviewer, which comment which claim
    const ids = files.get('ids.csv')!;
    expect(ids.filter((r) => r.kind === 'comment').map((r) => r['cruxmap-id'])).toEqual(claims.slice(0, 3));
    const participantIds = ids.filter((r) => r.kind === 'participant');
    expect(participantIds.every((r) => /^reviewer-[0-9a-f]{16}$/.test(r['cruxmap-id']!))).toBe(true);

    // votes: one per credence, each the threshold mapping of the value the reviewer gave
    const expected = (v: number) => (v > 0.6 ? 1 : v < 0.4 ? -1 : 0);
    const votes = files.get('votes.csv')!;
    expect(votes).toHaveLength(panel.flat().filter((v) => v !== null).length);
    // participants are numbered by their first vote: reviewer r voted first in the setup order
    const byVoter = new Map<string, Map<string, number>>();
    for (const v of votes) {
      const row = byVoter.get(v['voter-id']!) ?? new Map<string, number>();
      row.set(v['comment-id']!, Number(v.vote));
      byVoter.set(v['voter-id']!, row);
    }
    for (const [r, row] of panel.entries()) {
      const mine = byVoter.get(String(r))!;
      for (const [c, value] of row.entries()) expect(mine.get(String(c)), `reviewer ${r}, claim ${c}`).toBe(value === null ? undefined : expected(value));
    }
    // the edges: 0.6 and 0.4 pass, 0.61 agrees, 0.39 disagrees
    expect(byVoter.get('0')!.get('0')).toBe(1);
    expect(byVoter.get('0')!.get('1')).toBe(0);
    expect(byVoter.get('0')!.get('2')).toBe(-1);
    expect(byVoter.get('1')!.get('0')).toBe(0);

    // agrees and disagrees per comment add up from the votes
    for (const c of comments) {
      const mine = votes.filter((v) => v['comment-id'] === c['comment-id']);
      expect(Number(c.agrees)).toBe(mine.filter((v) => v.vote === '1').length);
      expect(Number(c.disagrees)).toBe(mine.filter((v) => v.vote === '-1').length);
    }

    // participants-votes: each row's counts and its vote per comment (empty: no credence); the owner made the claims
    const participants = files.get('participants-votes.csv')!;
    for (const p of participants) {
      const mine = byVoter.get(p.participant!) ?? new Map<string, number>();
      expect(Number(p['n-votes'])).toBe(mine.size);
      expect(Number(p['n-agree'])).toBe([...mine.values()].filter((v) => v === 1).length);
      expect(Number(p['n-disagree'])).toBe([...mine.values()].filter((v) => v === -1).length);
      for (const id of ['0', '1', '2']) expect(p[id]).toBe(mine.has(id) ? String(mine.get(id)) : '');
    }
    const ownerRow = participants.find((p) => p['n-votes'] === '0')!;
    expect(ownerRow['n-comments']).toBe('3');
    expect(comments.every((c) => c['author-id'] === ownerRow.participant)).toBe(true);
    expect(files.get('README.md')![0]!.text).toContain('| 0.4 to 0.6, inclusive | 0 (pass) |');
  });

  it('leaves out the values blind review hides from a reviewer who has not rated the claim', async () => {
    const doc = 'polis-doc';
    expectOk(await owner.patch(api(`/documents/${doc}`), { blind: true }), 'blind review on');
    try {
      // reviewer 2 has not rated claim 2: its others' values are not theirs to see
      const files = await filesOf(await polisOf(reviewers[2]!));
      const votes = files.get('votes.csv')!;
      expect(votes.filter((v) => v['comment-id'] === '2')).toEqual([]);
      expect(votes.filter((v) => v['comment-id'] === '0')).toHaveLength(4);
    } finally {
      expectOk(await owner.patch(api(`/documents/${doc}`), { blind: false }), 'blind review off');
    }
  });

  it('marks a claim a moderator hid as moderated -1, its statement masked for a reviewer and shown to the owner', async () => {
    expectOk(await owner.patch(api(`/annotations/${claimAnnotations[2]}`), { hidden: true }), 'hide the third claim');
    try {
      const mine = (await filesOf(await polisOf(owner))).get('comments.csv')!;
      expect(mine.map((c) => [c['comment-id'], c.moderated, c['comment-body']])).toEqual([
        ['0', '1', sentences[0]],
        ['1', '1', sentences[1]],
        ['2', '-1', sentences[2]],
      ]);
      const theirs = (await filesOf(await polisOf(reviewers[0]!))).get('comments.csv')!;
      expect(theirs.map((c) => [c['comment-id'], c.moderated, c['comment-body']])).toEqual([
        ['0', '1', sentences[0]],
        ['1', '1', sentences[1]],
        ['2', '-1', '[Hidden by a moderator]'],
      ]);
      expect(JSON.stringify(theirs)).not.toContain(sentences[2]);
    } finally {
      expectOk(await owner.patch(api(`/annotations/${claimAnnotations[2]}`), { hidden: false }), 'show it again');
    }
    const after = (await filesOf(await polisOf(owner))).get('comments.csv')!;
    expect(after.map((c) => c.moderated)).toEqual(['1', '1', '1']);
  });

  it('refuses identities (a Polis export is pseudonymous) and names the formats it knows', async () => {
    const refused = await polisOf(owner, '&identities=1');
    expect(refused.status).toBe(400);
    expect(errorOf(refused).fields?.identities).toEqual(['is for format=package only']);
    const unknown = await owner.get(api('/export?format=polls'));
    expect(unknown.status).toBe(400);
    expect(errorOf(unknown).fields?.format?.[0]).toContain('polis');
  });
});
