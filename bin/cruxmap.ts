// The command-line entry point: `npx cruxmap <command>`. Usage mistakes exit 2, failures exit 1.
import { Command, CommanderError } from 'commander';
import { UsageError } from '../lib/cli/usage-error';
import { runImport, type ImportOptions } from '../lib/cli/import-command';
import type { ExportOptions, ImportAnnotationsOptions } from '../lib/cli/dataset-commands';
import type { SearchOptions } from '../lib/cli/search-command';

const out = { log: (line: string) => console.log(line), error: (line: string) => console.error(line) };

const program = new Command()
  .name('cruxmap')
  .description('Cruxmap: collaborative annotated reading.')
  .exitOverride()
  .showSuggestionAfterError()
  .configureOutput({ outputError: (message, write) => write(`cruxmap: ${message.replace(/^error: /, '')}`) });

program
  .command('import')
  .description('import text, Markdown or HTML files as documents (one progress line per file)')
  .argument('<file...>', 'files to import')
  .option('--workspace <slug>', 'workspace to import into (default: the bundled corpus workspace)')
  .option('--title <title>', 'document title (one file only)')
  .option('--author <author>', 'document author')
  .option('--slug <slug>', 'document slug (one file only; default: from the file name)')
  .option('--format <format>', 'text, markdown or html (default: from the file name and content)')
  .option('--dry-run', 'print the normalized document without touching the database')
  .option('--json', 'with --dry-run: print the normalized document as JSON')
  .action(async (files: string[], options: ImportOptions) => runImport(files, options, out));

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

program
  .command('export')
  .description('export a workspace\'s annotations as a dataset (stdout unless --out; a progress bar on stderr)')
  .requiredOption('--workspace <slug>', 'workspace slug')
  .requiredOption('--format <format>', 'jsonl, csv, w3c or credences')
  .option('--document <slugOrId>', 'only this document (repeat or separate with commas)', collect)
  .option('--kind <kind>', 'only these kinds: claim, evidence, crux, probability (repeat or commas)', collect)
  .option('--author <emailOrId>', 'only these authors, by email or user id (repeat or commas)', collect)
  .option('--from <date>', 'created at or after this date-time (ISO 8601)')
  .option('--to <date>', 'created before this date-time (ISO 8601)')
  .option('--pseudonymise', 'replace people with stable per-export pseudonyms and drop emails')
  .option('--out <file>', 'write to this file instead of standard output')
  .action(async (options: ExportOptions) => {
    const { runExport } = await import('../lib/cli/dataset-commands');
    await runExport(options, out);
  });

program
  .command('import-annotations')
  .description('import a W3C Web Annotation or Hypothesis JSON file into a workspace (one transaction; orphans listed)')
  .argument('<file>', 'the annotation file')
  .requiredOption('--workspace <slug>', 'workspace slug')
  .option('--format <format>', 'w3c or hypothesis (default: from the content)')
  .option('--document <slugOrId>', 'put every annotation on this document instead of matching by address')
  .action(async (file: string, options: ImportAnnotationsOptions) => {
    const { runImportAnnotations } = await import('../lib/cli/dataset-commands');
    await runImportAnnotations(file, options, out);
  });

program
  .command('search')
  .description('search a workspace\'s passages, claims, annotations and replies (web-search syntax: "phrase", -word, or)')
  .argument('<query...>', 'what to look for')
  .requiredOption('--workspace <slug>', 'workspace slug')
  .option('--type <type>', 'only passage, claim, annotation or reply')
  .option('--document <slugOrId>', 'only in this document')
  .option('--kind <kind>', 'only annotations (and their replies) of this kind: claim, evidence, crux, probability')
  .option('--author <userId>', 'only by this author')
  .option('--limit <n>', 'results to show, 1–50 (default 20)')
  .option('--json', 'print the JSON the API answers')
  .action(async (query: string[], options: SearchOptions) => {
    const { runSearch } = await import('../lib/cli/search-command');
    await runSearch(query.join(' '), options, out);
  });

program
  .command('start')
  .description('migrate, load the bundled corpus, build if needed and serve on PORT (default 3000)')
  .action(async () => {
    const { runStart } = await import('../lib/cli/start-command');
    process.exitCode = await runStart(out.log);
  });

program
  .command('dev')
  .description('what setup does, then serve the app in development mode (next dev) on PORT (default 3000)')
  .action(async () => {
    const { runDev } = await import('../lib/cli/start-command');
    process.exitCode = await runDev(out.log);
  });

program
  .command('setup')
  .description('migrate the database and load the bundled corpus (and the demo account on the embedded database)')
  .action(async () => {
    const { prepareDatabase } = await import('../lib/cli/start-command');
    await prepareDatabase(out.log);
  });

program
  .command('demo')
  .description('load the generated demo data (reviewers in two camps, claims, credences, cruxes, rounds) into a workspace')
  .requiredOption('--workspace <slug>', 'workspace slug')
  .requiredOption('--owner <email>', 'an owner of the workspace (opens the second round)')
  .action(async (options: { workspace: string; owner: string }) => {
    const { demoLoad } = await import('../lib/cli/demo-command');
    await demoLoad(options, out);
  });

const userCommand = program.command('user').description('accounts');
userCommand
  .command('create')
  .description('create an account; the password is read from standard input')
  .requiredOption('--email <email>', 'email address')
  .requiredOption('--name <name>', 'display name')
  .option('--password-stdin', 'read the password from standard input')
  .action(async (options: { email: string; name: string; passwordStdin?: boolean }) => {
    const { userCreate } = await import('../lib/cli/operator-commands');
    await userCreate(options, out);
  });

const workspaceCommand = program.command('workspace').description('workspaces and their members');
workspaceCommand
  .command('create')
  .description('create a workspace with an owner')
  .requiredOption('--slug <slug>', 'address, e.g. reading-group')
  .requiredOption('--name <name>', 'display name')
  .requiredOption('--owner <email>', 'email of the owning user')
  .action(async (options: { slug: string; name: string; owner: string }) => {
    const { workspaceCreate } = await import('../lib/cli/operator-commands');
    await workspaceCreate(options, out);
  });
workspaceCommand
  .command('add-member')
  .description('add a user to a workspace, or change their role')
  .requiredOption('--workspace <slug>', 'workspace slug')
  .requiredOption('--email <email>', 'email of the user')
  .requiredOption('--role <role>', 'owner, reviewer or observer')
  .action(async (options: { workspace: string; email: string; role: string }) => {
    const { workspaceAddMember } = await import('../lib/cli/operator-commands');
    await workspaceAddMember(options, out);
  });

const tokenCommand = program.command('token').description('personal API tokens');
tokenCommand
  .command('create')
  .description('create an API token for a user; printed once on standard output')
  .requiredOption('--email <email>', 'email of the user')
  .option('--name <name>', 'a name to recognise the token by', 'CLI token')
  .action(async (options: { email: string; name?: string }) => {
    const { tokenCreate } = await import('../lib/cli/operator-commands');
    await tokenCreate(options, out);
  });

const dbCommand = program.command('db').description('database maintenance');

dbCommand
  .command('migrate')
  .description('apply pending migrations from prisma/migrations')
  .action(async () => {
    const { assertDatabaseAvailable } = await import('../lib/cli/database-guard');
    assertDatabaseAvailable();
    const { db } = await import('../lib/db');
    // The first query opens the database, which applies pending migrations.
    await db.$queryRaw`SELECT 1`;
    out.log('cruxmap: the database is up to date');
  });

dbCommand
  .command('seed')
  .description('load the bundled corpus (same as setup)')
  .action(async () => {
    const { prepareDatabase } = await import('../lib/cli/start-command');
    await prepareDatabase(out.log);
  });

dbCommand
  .command('new-migration')
  .description('write prisma/migrations/<timestamp>_<name> from the changes to prisma/schema.prisma')
  .argument('<name>', 'migration name, e.g. add_tags')
  .action(async (name: string) => {
    if (!/^[a-z0-9_]+$/.test(name)) throw new UsageError('the migration name must be lowercase letters, digits and _');
    const { createPGlite } = await import('../lib/database/embedded');
    const { pgliteTarget } = await import('../lib/database/adapters');
    const { createMigration } = await import('../lib/database/migrate');
    const scratch = await createPGlite();
    const created = await createMigration(pgliteTarget(scratch), name);
    out.log(created ? `cruxmap: wrote ${created.directory}` : 'cruxmap: the schema has no changes; no migration written');
  });

async function main(): Promise<number> {
  try {
    await program.parseAsync(process.argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? 0 : 2;
    }
    if (error instanceof UsageError) {
      console.error(`cruxmap: ${error.message}`);
      return 2;
    }
    const { toAppError } = await import('../lib/errors');
    const appError = toAppError(error);
    if (appError.code === 'INTERNAL') {
      console.error('cruxmap: unexpected error');
      console.error(error);
      return 1;
    }
    const fields = Object.entries(appError.fields ?? {}).map(([field, messages]) => `${field} ${messages.join(', ')}`);
    console.error(`cruxmap: ${appError.message}${fields.length > 0 ? ` (${fields.join('; ')})` : ''}`);
    // Mistakes in what was asked (bad values, unknown names, conflicts) exit 2; a busy or failing database 1.
    return appError.status < 500 ? 2 : 1;
  }
}

/** Closes the database if a command opened it: PGlite flushes and the folder's lock is released. */
async function closeDatabase(): Promise<void> {
  const state = (globalThis as { cruxmapDb?: { close: () => Promise<void> } }).cruxmapDb;
  await state?.close().catch(() => {});
}

const code = await main();
await closeDatabase();
// The WASM schema engine leaves a timer pending: exit explicitly once the command is done.
process.exit(code);
