// Per integration test file: every distinct SQL statement the file sent — in this process (lib/database/query-log.ts)
// and in the CLI processes it started, which inherit CRUXMAP_STATEMENT_LOG — is audited when the file is done
// (lib/database/statement-audit.ts): a statement on a workspace table that does not constrain its workspaceId, or
// joins two without equating them, fails the file unless tests/support/statement-allow-list.ts lets it through.
// CRUXMAP_STATEMENT_AUDIT=report fails nothing: each file's statements and findings are written, as JSON, under
// CRUXMAP_STATEMENT_AUDIT_DIR (default tmp/statement-audit/) for tests/support/statement-audit-report.ts to sum up.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { onQuery } from '../../lib/database/query-log';
import { auditStatement, loadStatementParser, type Finding } from '../../lib/database/statement-audit';
import { readStatementLog } from '../../lib/database/statement-log';
import { isAllowed } from '../support/statement-allow-list';

const isReportOnly = process.env.CRUXMAP_STATEMENT_AUDIT === 'report';
const logDir = mkdtempSync(path.join(os.tmpdir(), 'cruxmap-statements-'));
const logFile = path.join(logDir, 'statements.jsonl');
process.env.CRUXMAP_STATEMENT_LOG = logFile;

const seenHere = new Set<string>();
const stopListening = onQuery(({ sql }) => seenHere.add(sql));

export type AuditedStatement = { sql: string; findings: Finding[] };

function readLog(): string[] {
  try {
    return readStatementLog(readFileSync(logFile, 'utf8'));
  } catch {
    return []; // no process wrote to it
  }
}

const shorten = (sql: string, length = 300): string => {
  const flat = sql.replace(/\s+/g, ' ');
  return flat.length <= length ? flat : `${flat.slice(0, length)}…`;
};

// Registered after tests/setup/database.ts's, so it runs before that file closes the database, and after the
// test file's own afterAll hooks: what they send is audited too.
// Vitest reads the first argument's pattern to pick fixtures: an empty one asks for none.
// eslint-disable-next-line no-empty-pattern
afterAll(async ({}, suite) => {
  stopListening();
  const statements = [...new Set([...seenHere, ...readLog()])];
  rmSync(logDir, { recursive: true, force: true });
  await loadStatementParser();
  const offending: AuditedStatement[] = [];
  for (const sql of statements) {
    const findings = auditStatement(sql).filter((finding) => !isAllowed(finding, sql));
    if (findings.length > 0) offending.push({ sql, findings });
  }

  if (isReportOnly) {
    const reportDir = process.env.CRUXMAP_STATEMENT_AUDIT_DIR ?? path.join('tmp', 'statement-audit');
    mkdirSync(reportDir, { recursive: true });
    const testFile = path.relative(process.cwd(), suite.file.filepath);
    writeFileSync(path.join(reportDir, `${testFile.replace(/[/\\]/g, '__')}.json`), JSON.stringify({ testFile, statements, offending }, null, 1));
    return;
  }
  if (offending.length === 0) return;
  const lines = offending.flatMap(({ sql, findings }) => [
    ...findings.map((f) => `  ${f.table}${f.alias ? ` (${f.alias})` : ''}: ${f.problem} — ${f.detail}`),
    `    ${shorten(sql)}`,
  ]);
  throw new Error(
    `${offending.length} of the ${statements.length} statements this file sent do not keep to their workspace ` +
      `(lib/database/statement-audit.ts; allow one with its reason in tests/support/statement-allow-list.ts):\n${lines.join('\n')}`,
  );
});
