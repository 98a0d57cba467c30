// On a PostgreSQL server the app's statements are prepared by name (lib/database/statement-names.ts): a connection
// parses and plans a statement once and runs it again by name. The embedded database (PGlite) prepares nothing by
// name. Seen from the database's own view of a connection's prepared statements.
import { describe, expect, it } from 'vitest';
import { databaseKind, db } from '../../lib/db';
import { statementName } from '../../lib/database/statement-names';

describe('prepared statements', () => {
  it('are kept by name on a PostgreSQL server, one per statement text, and answer as unnamed ones do', async () => {
    const probe = () =>
      db.$queryRaw<{ name: string; statement: string }[]>`SELECT name, statement FROM pg_prepared_statements WHERE statement LIKE '%pg_prepared_statements%' ORDER BY name`;
    // a pool of connections: one of them answers each probe, and has prepared it once the probe has run on it
    const seen = [];
    for (let i = 0; i < 5; i++) seen.push(...(await probe()));
    if (databaseKind === 'postgres') {
      expect(seen.length).toBeGreaterThan(0);
      for (const row of seen) expect(row.name).toBe(statementName({ sql: row.statement }));
      expect(new Set(seen.map((r) => r.name)).size).toBe(1);
    } else {
      expect(seen).toEqual([]);
    }
    // parameters bind as before, to the same prepared text
    const values = await Promise.all([1, 2, 3].map(async (n) => (await db.$queryRaw<{ v: number }[]>`SELECT ${n}::int * 2 AS v`)[0]?.v));
    expect(values).toEqual([2, 4, 6]);
  });
});
