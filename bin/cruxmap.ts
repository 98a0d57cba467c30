// The command-line entry point: `npx cruxmap <command>`. Usage mistakes exit 2, failures exit 1.
import { Command, CommanderError } from 'commander';
import { UsageError } from '../lib/cli/usage-error';
import { runImport, type ImportOptions } from '../lib/cli/import-command';

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

program
  .command('start')
  .description('migrate, load the bundled corpus, build if needed and serve on PORT (default 3000)')
  .action(async () => {
    const { runStart } = await import('../lib/cli/start-command');
    process.exitCode = await runStart(out.log);
  });

program
  .command('setup')
  .description('migrate the database and load the bundled corpus (and the demo account on the embedded database)')
  .action(async () => {
    const { prepareDatabase } = await import('../lib/cli/start-command');
    await prepareDatabase(out.log);
  });

const dbCommand = program.command('db').description('database maintenance');

dbCommand
  .command('migrate')
  .description('apply pending migrations from prisma/migrations')
  .action(async () => {
    const { assertDatabaseAvailable } = await import('../lib/cli/database-guard');
    assertDatabaseAvailable();
    const { db, closeDb } = await import('../lib/db');
    // The first query opens the database, which applies pending migrations.
    await db.$queryRaw`SELECT 1`;
    await closeDb();
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
    const { PGlite } = await import('@electric-sql/pglite');
    const { pgliteTarget } = await import('../lib/database/adapters');
    const { createMigration } = await import('../lib/database/migrate');
    const scratch = await PGlite.create();
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
    } else {
      console.error(`cruxmap: ${appError.message}`);
    }
    return appError.code === 'BAD_REQUEST' || appError.code === 'NOT_FOUND' ? 2 : 1;
  }
}

// The WASM schema engine leaves a timer pending: exit explicitly once the command is done.
process.exit(await main());
