// Sums up a report-only run of the statement audit (CRUXMAP_STATEMENT_AUDIT=report, tests/setup/statement-audit.ts)
// as Markdown: the distinct offending statements grouped by table and problem, each with the relations Prisma
// loaded in it (its `"Model_relation"` aliases) and the test files that sent it.
//   npx tsx tests/support/statement-audit-report.ts [dir, default tmp/statement-audit] > report.md
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../../lib/database/statement-audit';

type FileReport = { testFile: string; statements: string[]; offending: Array<{ sql: string; findings: Finding[] }> };
type Offender = { sql: string; findings: Finding[]; testFiles: Set<string> };

const dir = process.argv[2] ?? path.join('tmp', 'statement-audit');
const reports = readdirSync(dir)
  .filter((name) => name.endsWith('.json'))
  .map((name) => JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as FileReport);

const offenders = new Map<string, Offender>();
const allStatements = new Set<string>();
for (const report of reports) {
  for (const sql of report.statements) allStatements.add(sql);
  for (const { sql, findings } of report.offending) {
    const offender = offenders.get(sql) ?? { sql, findings, testFiles: new Set<string>() };
    offender.testFiles.add(path.basename(report.testFile));
    offenders.set(sql, offender);
  }
}

const flat = (sql: string, length: number): string => {
  const text = sql.replace(/\s+/g, ' ').trim();
  return text.length <= length ? text : `${text.slice(0, length)}…`;
};
const relationsOf = (sql: string): string[] => [...new Set([...sql.matchAll(/"([A-Z][A-Za-z0-9]*_\w+)"\."__prisma_data__"/g)].map((m) => m[1] as string))];
const kindOf = (sql: string): string => /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? '?';

const groups = new Map<string, Offender[]>();
for (const offender of offenders.values()) {
  for (const key of new Set(offender.findings.map((f) => `${f.table || '(none)'} — ${f.problem}`))) {
    groups.set(key, [...(groups.get(key) ?? []), offender]);
  }
}

const lines: string[] = [
  `# Statement audit: ${offenders.size} of ${allStatements.size} distinct statements offend`,
  '',
  `${reports.length} test files. A statement with several findings is listed under each of its tables.`,
  '',
  '| table — problem | statements |',
  '| --- | --- |',
  ...[...groups].sort((a, b) => b[1].length - a[1].length).map(([key, list]) => `| ${key} | ${list.length} |`),
  '',
];
for (const [key, list] of [...groups].sort((a, b) => a[0].localeCompare(b[0]))) {
  lines.push(`## ${key} (${list.length})`, '');
  for (const offender of list.sort((a, b) => a.sql.localeCompare(b.sql))) {
    const relations = relationsOf(offender.sql);
    const details = offender.findings.map((f) => f.detail).join('; ');
    lines.push(
      `- ${kindOf(offender.sql)}${relations.length > 0 ? ` loading ${relations.join(', ')}` : ''} — ${details} — from ${[...offender.testFiles].sort().join(', ')}`,
      `  \`${flat(offender.sql, 400).replace(/`/g, "'")}\``,
    );
  }
  lines.push('');
}
process.stdout.write(`${lines.join('\n')}\n`);
