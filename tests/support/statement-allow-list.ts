// The statements the workspace audit lets through (tests/setup/statement-audit.ts): each one a finding that is
// right as it is, matched by its table, its problem and a pattern of its SQL, with the reason it may stay.
import type { Finding } from '../../lib/database/statement-audit';

export type AllowedFinding = {
  /** the table the finding names, or '*' for any */
  table: string;
  problem: Finding['problem'];
  /** a pattern the statement's SQL must match (whitespace as sent) */
  sql: RegExp;
  reason: string;
};

export const allowedFindings: AllowedFinding[] = [
  // A user's inbox, its unread count and the mail outbox: a person's notifications from all their workspaces, read by
  // recipient (on a sharded database, one query to every shard, bounded by the page size and the recipient's index).
  {
    table: 'Notification',
    problem: 'unconstrained',
    sql: /(?:FROM|UPDATE) "public"\."Notification"(?: AS "t0")? (?:LEFT JOIN|WHERE|SET)[\s\S]*"userId" = \$\d/,
    reason: 'a person’s notifications span the workspaces they belong to',
  },
  // The workspace list (lib/workspaces): each listed workspace with its number of documents, counted by the
  // workspace's own id (on a sharded database, a count on every shard holding one of them).
  {
    table: 'Document',
    problem: 'unconstrained',
    sql: /^SELECT "t0"\."id", "t0"\."slug", "t0"\."name"[\s\S]*'documents', COALESCE\("t\d+"\."_aggr_count_documents", 0\)\) AS "_count" FROM "public"\."Workspace" AS "t0" /,
    reason: 'the workspace list counts the documents of each workspace it lists',
  },
  // The live tables' retention (lib/realtime/event-log-mutations.ts, every ten minutes): expired presence and
  // change events past retention, in every workspace at once.
  { table: 'Presence', problem: 'unconstrained', sql: /^DELETE FROM "public"\."Presence" WHERE "public"\."Presence"\."expiresAt" < \$1$/, reason: 'retention sweep over all workspaces' },
  { table: 'ChangeEvent', problem: 'unconstrained', sql: /^\s*DELETE FROM "ChangeEvent" e\s+WHERE e\."createdAt" < now\(\)/, reason: 'retention sweep over all workspaces (each workspace’s newest events kept)' },
  // The due-date sweep (lib/notifications/due-mutations.ts): assignments coming due, in every workspace.
  { table: 'Assignment', problem: 'unconstrained', sql: /FROM "Assignment" a\s+JOIN "Document" d ON d\."workspaceId" = a\."workspaceId"[\s\S]*FOR UPDATE OF a SKIP LOCKED/, reason: 'the due-date sweep covers every workspace' },
  { table: 'Document', problem: 'unconstrained', sql: /FROM "Assignment" a\s+JOIN "Document" d ON d\."workspaceId" = a\."workspaceId"[\s\S]*FOR UPDATE OF a SKIP LOCKED/, reason: 'joined to the swept assignments by workspace' },
  // Tests that show nothing was added anywhere: whole-table counts and row-for-row table comparisons (test code only).
  {
    table: '*',
    problem: 'unconstrained',
    sql: /^SELECT COUNT\(\*\) AS "_count\$_all" FROM \(SELECT "public"\."\w+"\."workspaceId", "public"\."\w+"\."(?:id|key)" FROM "public"\."\w+" WHERE 1=1 OFFSET \$1\) AS "sub"$/,
    reason: 'a test counting a whole table to show that nothing was written anywhere',
  },
  {
    table: 'Document',
    problem: 'unconstrained',
    sql: /^SELECT COUNT\(\*\) AS "_count\$_all" FROM \(SELECT [^()]+ FROM "public"\."Document" WHERE "public"\."Document"\."slug" = \$1 OFFSET \$2\) AS "sub"$/,
    reason: 'tests/integration/cli.test.ts: a refused import left no document of that slug in any workspace',
  },
  {
    table: '*',
    problem: 'unconstrained',
    sql: /^SELECT 'Account' AS name, count\(\*\)::int AS rows, coalesce\(max\(xmin::text::bigint\), 0\)::text AS digest FROM "Account" UNION ALL /,
    reason: 'tests/support/data-fingerprint.ts: the whole database’s fingerprint, to show a refused request changed nothing anywhere',
  },
  { table: '*', problem: 'unconstrained', sql: /^SELECT to_jsonb\(t\) AS row FROM "\w+" t$/, reason: 'tests/integration/demo-batch.test.ts compares whole tables row for row' },
];

/** Statements one test file sends on purpose (tests/integration/statement-audit.test.ts), with the reason. */
const allowedInThisFile = new Map<string, string>();

/**
 * Lets exactly `sql` through the audit of the test file that calls it: for a test that sends an offending statement
 * on purpose. Each test file loads this module afresh, so it reaches no other file.
 */
export function allowInThisFile(sql: string, reason: string): void {
  allowedInThisFile.set(sql, reason);
}

/** Whether an entry of the allow-list covers `finding` in the statement `sql`. */
export function isAllowed(finding: Finding, sql: string): boolean {
  if (allowedInThisFile.has(sql)) return true;
  return allowedFindings.some((entry) => (entry.table === '*' || entry.table === finding.table) && entry.problem === finding.problem && entry.sql.test(sql));
}
