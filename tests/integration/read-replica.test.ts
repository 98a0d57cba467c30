// DATABASE_REPLICA_URL: the map's feed, search, the reading page's layer and exports read from the replica;
// writes, transactions and everything else stay on the primary. The "replica" here is a second database copied
// from the primary after the seed, so a read that went to it cannot see what was written after the copy, and the
// query log (lib/database/query-log.ts) says where each statement went. On the embedded run the test starts a
// PostgreSQL server from npm (tests/support/postgres-server.ts).
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoggedQuery } from '../../lib/database/query-log';
import { postgresServer, type PostgresServer } from '../support/postgres-server';
import { createThrowawayDatabase } from '../support/throwaway-database';

type Probe = { seen: { written: string; map: string[]; search: number; reader: boolean; export: boolean; list: boolean }; log: (LoggedQuery & { step: string })[] };

let server: PostgresServer;
const drops: (() => Promise<void>)[] = [];

function run(args: string[], env: Record<string, string>): unknown {
  const rest = { ...process.env };
  delete rest.DATABASE_URL;
  delete rest.CRUXMAP_DATA_DIR;
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'tests/support/replica-probe.ts', ...args], {
    env: { ...rest, ...env },
    encoding: 'utf8',
    timeout: 90_000,
  });
  if (result.status !== 0) throw new Error(`replica-probe ${args[0]} exited ${result.status}: ${result.stderr.slice(-3000)}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1) as string);
}

let probe: Probe;

beforeAll(async () => {
  server = await postgresServer();
  const primary = await createThrowawayDatabase(server.url, 'cruxmap_primary');
  drops.push(primary.drop);
  const seeded = run(['seed'], { DATABASE_URL: primary.url }) as { workspace: string; owner: string };
  // the replica as of now: everything written from here on is on the primary only
  const primaryName = new URL(primary.url).pathname.slice(1);
  const replica = await createThrowawayDatabase(server.url, 'cruxmap_replica', primaryName);
  drops.push(replica.drop);
  probe = run(['probe', seeded.workspace, seeded.owner], { DATABASE_URL: primary.url, DATABASE_REPLICA_URL: replica.url }) as Probe;
}, 240_000);

afterAll(async () => {
  for (const drop of drops.reverse()) await drop();
  await server?.stop();
});

const statements = (step: string, target?: 'primary' | 'replica') => probe.log.filter((q) => q.step === step && (target === undefined || q.target === target));
// the export's cursor and COPY (lib/datasets/export-cursor.ts) wrap a SELECT
const isReadOnly = (sql: string) => /^\s*(?:SELECT|WITH|BEGIN|COMMIT|ROLLBACK|SET\s+(?:LOCAL|TRANSACTION)|DECLARE\s+\w+\s+NO SCROLL CURSOR FOR\s+SELECT|COPY\s+\(SELECT)\b/i.test(sql) && !/pg_advisory|\b(?:INSERT|UPDATE|DELETE)\s/i.test(sql);

describe('DATABASE_REPLICA_URL', () => {
  it('writes on the primary: the new claim, its journal and every statement of its transaction', () => {
    const writes = statements('write');
    expect(writes.some((q) => /^\s*INSERT INTO "public"\."Annotation"/i.test(q.sql))).toBe(true);
    expect(writes.filter((q) => q.target === 'replica')).toEqual([]);
    // the replica gets reads only: SELECTs, and the transaction control of a read-only transaction (search's)
    expect(probe.log.filter((q) => q.target === 'replica' && !isReadOnly(q.sql))).toEqual([]);
  });

  it('reads the map, search, the reading page and exports from the replica: none sees the claim written after the copy', () => {
    expect(probe.seen.map).toEqual(['Lanterns glow brightly']);
    expect(probe.seen.search).toBe(0);
    expect(probe.seen.reader).toBe(false);
    expect(probe.seen.export).toBe(false);
    for (const step of ['map', 'search', 'reader']) expect(statements(step, 'replica').length, step).toBeGreaterThan(0);
  });

  it('keeps what must be current on the primary: the annotation list sees the new claim, and who may read is checked there', () => {
    expect(probe.seen.list).toBe(true);
    expect(statements('list', 'replica')).toEqual([]);
    // the blind-review filter and the request context are read from the primary, whatever the step
    expect(probe.log.filter((q) => q.target === 'replica' && /"Membership"/.test(q.sql) && !/"Credence"|"Annotation"/.test(q.sql))).toEqual([]);
  });
});
