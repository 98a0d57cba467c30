// The workspace the dataset tests export from and import into, made through the API: an owner, a reviewer, an
// observer and a non-member, the 30-paragraph "Dataset essay", and a claim, a probability and an evidence on it;
// plus Hypothesis export rows quoting the essay (tests/api/datasets-api and the export page in tests/e2e).
import { addMemberByEmail, createWorkspace, importDocument, signedInClient, signUp, type TestAccount, type TestWorkspace } from './api-actors';
import { expectOk, HttpClient, type AppTarget } from './http-client';

export const paragraphs = Array.from({ length: 30 }, (_, i) => `Paragraph ${i} argues point ${i * 3}, with words like marker${i}start and marker${i}end.`);
export const essay = ['Dataset essay', ...paragraphs].join('\n\n');

export function hypothesisRows(count: number, options: { missingEvery?: number; prefix?: string } = {}) {
  return Array.from({ length: count }, (_, i) => {
    const missing = options.missingEvery !== undefined && i % options.missingEvery === 0;
    const p = i % paragraphs.length;
    return {
      id: `${options.prefix ?? 'row'}-${i}`,
      created: '2024-03-01T12:00:00.000000+00:00',
      updated: '2024-03-01T12:00:00.000000+00:00',
      user: `acct:reader${i % 5}@hypothes.is`,
      uri: 'https://example.org/dataset-essay',
      text: `Hypothesis note ${i}`,
      target: [{ source: 'https://example.org/dataset-essay', selector: [{ type: 'TextQuoteSelector', exact: missing ? `not in the essay ${i} at all` : `marker${p}start and marker${p}end` }] }],
    };
  });
}

export type DatasetWorkspace = {
  owner: HttpClient;
  reviewer: HttpClient;
  observer: HttpClient;
  outsider: HttpClient;
  accounts: Record<'owner' | 'reviewer' | 'observer', TestAccount>;
  workspace: TestWorkspace;
  /** the essay's text as stored */
  text: string;
};

export async function setUpDatasetWorkspace(app: AppTarget, clientIp: string): Promise<DatasetWorkspace> {
  const anonymous = new HttpClient(app, { clientIp });
  const [o, r, ob, out] = await Promise.all([signUp(anonymous, 'ds-owner'), signUp(anonymous, 'ds-reviewer'), signUp(anonymous, 'ds-observer'), signUp(anonymous, 'ds-outsider')]);
  const [owner, reviewer, observer, outsider] = await Promise.all([
    signedInClient(app, o, clientIp),
    signedInClient(app, r, clientIp),
    signedInClient(app, ob, clientIp),
    signedInClient(app, out, clientIp),
  ]);
  const workspace = await createWorkspace(owner, 'datasets');
  const api = (path: string): string => `/api/v1/workspaces/${workspace.slug}${path}`;
  await importDocument(owner, workspace.slug, { slug: 'dataset-essay', text: essay, title: 'Dataset essay' });
  await addMemberByEmail(owner, workspace.slug, r, 'reviewer');
  await addMemberByEmail(owner, workspace.slug, ob, 'observer');
  const text = expectOk<{ text: string }>(await owner.get(api('/documents/dataset-essay')), 'document').text;
  const quote = (exact: string) => ({ exact, start: text.indexOf(exact), end: text.indexOf(exact) + exact.length });
  const claim = expectOk<{ claimId: string }>(
    await reviewer.post(api('/annotations'), { document: 'dataset-essay', kind: 'claim', target: quote('argues point 3'), body: '=cmd|calc, "quoted"' }),
    'claim',
  );
  expectOk(await reviewer.post(api('/annotations'), { document: 'dataset-essay', kind: 'probability', target: quote('argues point 6'), probability: { claimId: claim.claimId, value: 0.25 } }), 'probability');
  expectOk(
    await owner.post(api('/annotations'), { document: 'dataset-essay', kind: 'evidence', target: quote('argues point 9'), evidence: { claimId: claim.claimId, stance: 'for', strength: 3 } }),
    'evidence',
  );
  return { owner, reviewer, observer, outsider, accounts: { owner: o, reviewer: r, observer: ob }, workspace, text };
}
