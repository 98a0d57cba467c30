// GET …/export?format=package over HTTP (the in-process app): a zip of the Frictionless data package for members,
// with a download name and the row total; identities only for owners (403 for others), pseudonymous otherwise;
// PATCH …/workspaces/:ws {licence} names the licence in the package; a bad flag is a 400 with the field.
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { setUpDatasetWorkspace } from '../support/dataset-fixture';
import type { HttpClient} from '../support/http-client';
import { errorOf, expectOk, type ApiResponse } from '../support/http-client';
import { inProcessApp } from '../support/in-process-app';
import { uniqueClientIp } from '../support/unique';
import type { TestAccount, TestWorkspace } from '../support/api-actors';

const app = inProcessApp();
const clientIp = uniqueClientIp();
let owner: HttpClient;
let reviewer: HttpClient;
let outsider: HttpClient;
let accounts: Record<'owner' | 'reviewer' | 'observer', TestAccount>;
let workspace: TestWorkspace;

const packageOf = (client: HttpClient, query = ''): Promise<ApiResponse> => client.get(`/api/v1/workspaces/${workspace.slug}/export?format=package${query}`);

async function filesOf(response: ApiResponse): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(response.bytes as Uint8Array);
  const files = new Map<string, string>();
  for (const name of Object.keys(zip.files)) files.set(name, await (zip.file(name) as JSZip.JSZipObject).async('string'));
  return files;
}

beforeAll(async () => {
  ({ owner, reviewer, outsider, accounts, workspace } = await setUpDatasetWorkspace(app, clientIp));
});

describe('GET …/export?format=package', () => {
  it('streams the package as a zip with the owner\u2019s licence and identities; pseudonymous for a reviewer; identities refused to them', async () => {
    expectOk(await owner.patch(`/api/v1/workspaces/${workspace.slug}`, { licence: 'CC-BY-SA-4.0' }), 'set licence');
    const response = await packageOf(owner, '&identities=1');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="${workspace.slug}-package-.+\\.zip"$`));
    expect(Number(response.headers.get('x-export-total'))).toBeGreaterThan(0);
    const files = await filesOf(response);
    expect([...files.keys()]).toContain('datapackage.json');
    const descriptor = JSON.parse(files.get('datapackage.json') as string) as { profile: string; licenses: { name: string }[]; resources: { name: string }[] };
    expect(descriptor.profile).toBe('tabular-data-package');
    expect(descriptor.licenses).toEqual([{ name: 'CC-BY-SA-4.0' }]);
    expect(descriptor.resources.map((r) => r.name)).toEqual([
      'documents', 'document_versions', 'passages', 'reviewers', 'claims', 'annotations', 'evidence', 'credences',
      'credence_revisions', 'crux_links', 'conditionals', 'replies', 'rounds', 'claim_statistics',
    ]);
    expect(files.get('README.md')).toContain('- Licence: CC-BY-SA-4.0.');
    expect(files.get('reviewers.csv')).toContain(accounts.owner.email);

    const forbidden = await packageOf(reviewer, '&identities=1');
    expect(forbidden.status).toBe(403);
    const pseudonymous = await filesOf(await packageOf(reviewer));
    const everything = [...pseudonymous.values()].join('\n');
    expect(everything).not.toContain(accounts.owner.email);
    expect(pseudonymous.get('reviewers.csv')).toMatch(/^id,name,email,role\nreviewer-[0-9a-f]{16},reviewer-[0-9a-f]{16},,/);
  });

  it('is 404 to an outsider, and a bad flag or licence is a 400 naming the field', async () => {
    expect((await packageOf(outsider)).status).toBe(404);
    const bad = await packageOf(owner, '&identities=maybe');
    expect(bad.status).toBe(400);
    expect(errorOf(bad).fields?.identities).toBeDefined();
    const long = await owner.patch(`/api/v1/workspaces/${workspace.slug}`, { licence: 'x'.repeat(201) });
    expect(long.status).toBe(400);
    expect(errorOf(long).fields?.licence).toEqual(['must be at most 200 characters']);
  });
});
