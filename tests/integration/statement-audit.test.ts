// The statement audit (lib/database/statement-audit.ts, run on every integration file by
// tests/setup/statement-audit.ts) catches a query that does not filter on its workspace, as the real Prisma client
// sends it, and passes the same query filtered.
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db';
import { onQuery } from '../../lib/database/query-log';
import { auditStatement, loadStatementParser } from '../../lib/database/statement-audit';
import { allowInThisFile } from '../support/statement-allow-list';

/** The statements `run` sends, as the driver adapter saw them. */
async function statementsOf(run: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const stop = onQuery(({ sql }) => seen.push(sql));
  try {
    await run();
  } finally {
    stop();
  }
  return seen;
}

beforeAll(async () => {
  await loadStatementParser();
  await db.$queryRaw`SELECT 1`; // open and migrate the database first: only the queries below are observed
});

describe('the workspace statement audit', () => {
  it('catches an annotation read by id without its workspace', async () => {
    const sent = await statementsOf(() => db.annotation.findMany({ where: { id: 'no-such-annotation' }, select: { id: true } }));
    expect(sent).toHaveLength(1);
    const sql = sent[0] as string;
    expect(auditStatement(sql)).toEqual([expect.objectContaining({ table: 'Annotation', problem: 'unconstrained' })]);
    allowInThisFile(sql, 'sent on purpose: this test shows the audit catching it');
  });

  it('catches a raw query that joins two workspace tables on ids alone', async () => {
    const sent = await statementsOf(
      () => db.$queryRaw`SELECT a."id" FROM "public"."Annotation" a JOIN "public"."Claim" c ON c."id" = a."claimId" WHERE a."workspaceId" = ${'no-such-workspace'}`,
    );
    const sql = sent[0] as string;
    expect(auditStatement(sql).map((finding) => [finding.table, finding.problem])).toEqual([
      ['Claim', 'join-not-equated'],
      ['Claim', 'unconstrained'],
    ]);
    allowInThisFile(sql, 'sent on purpose: this test shows the audit catching it');
  });

  it('passes the same reads filtered on the workspace', async () => {
    const sent = await statementsOf(async () => {
      await db.annotation.findMany({ where: { workspaceId: 'no-such-workspace', id: 'no-such-annotation' }, select: { id: true } });
      await db.$queryRaw`SELECT a."id" FROM "public"."Annotation" a JOIN "public"."Claim" c ON c."workspaceId" = a."workspaceId" AND c."id" = a."claimId" WHERE a."workspaceId" = ${'no-such-workspace'}`;
    });
    expect(sent).toHaveLength(2);
    for (const sql of sent) expect(auditStatement(sql), sql).toEqual([]);
  });
});
