// The command-line program: `runCli(args, io)` parses the arguments with a fresh commander program (commander keeps
// parse state), runs the command and answers its exit code: 0 done, 2 a mistake in what was asked (one message on
// standard error), 1 a failure. bin/cruxmap.ts runs it with the process's streams; the CLI tests run it in process.
import type { Readable, Writable } from 'node:stream';
import { Command, CommanderError } from 'commander';
import { UsageError } from './usage-error';
import { runImport, type ImportOptions } from './import-command';
import type { ExportOptions, ImportAnnotationsOptions } from './dataset-commands';
import type { SearchOptions } from './search-command';

/** Where a command writes and reads. */
export type CliIo = {
  /** a line on standard output */
  log: (line: string) => void;
  /** a line on standard error, or a thrown value printed the way console.error prints it */
  error: (message: unknown) => void;
  /** the export's data without --out, and commander's help */
  stdout: Writable;
  /** the progress bars, and commander's messages */
  stderr: Writable;
  /** the password of `user create --password-stdin` */
  stdin: Readable & { isTTY?: boolean };
};

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** The program, its actions writing through `io`; `setExitCode` takes the code of the commands that serve (start, dev). */
function createProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command()
    .name('cruxmap')
    .description('Cruxmap: collaborative annotated reading.')
    .exitOverride()
    .showSuggestionAfterError()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (message, write) => write(`cruxmap: ${message.replace(/^error: /, '')}`),
    });

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
    .action(async (files: string[], options: ImportOptions) => runImport(files, options, io));

  program
    .command('export')
    .description('export a workspace\'s annotations as a dataset (stdout unless --out; a progress bar on stderr)')
    .requiredOption('--workspace <slug>', 'workspace slug')
    .requiredOption('--format <format>', 'jsonl, csv, w3c, credences (with --out m.csv, also m.claims.csv: the claim of each column), credence-claims, package (a Frictionless data package) or polis (Polis comments, votes and participants-votes CSVs) — the last two as a folder, or a zip when --out ends in .zip')
    .option('--document <slugOrId>', 'only this document (repeat or separate with commas)', collect)
    .option('--kind <kind>', 'only these kinds: claim, evidence, crux, probability (repeat or commas)', collect)
    .option('--author <emailOrId>', 'only these authors, by email or user id (repeat or commas)', collect)
    .option('--from <date>', 'created at or after this date-time (ISO 8601)')
    .option('--to <date>', 'created before this date-time (ISO 8601)')
    .option('--pseudonymise', 'replace people with stable per-export pseudonyms and drop emails')
    .option('--identities', 'package only: real user ids, names and emails (pseudonymous otherwise)')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (options: ExportOptions) => {
      const { runExport } = await import('./dataset-commands');
      await runExport(options, io);
    });

  program
    .command('import-annotations')
    .description('import a W3C Web Annotation or Hypothesis JSON file into a workspace (one transaction; orphans listed)')
    .argument('<file>', 'the annotation file')
    .requiredOption('--workspace <slug>', 'workspace slug')
    .option('--format <format>', 'w3c or hypothesis (default: from the content)')
    .option('--document <slugOrId>', 'put every annotation on this document instead of matching by address')
    .action(async (file: string, options: ImportAnnotationsOptions) => {
      const { runImportAnnotations } = await import('./dataset-commands');
      await runImportAnnotations(file, options, io);
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
      const { runSearch } = await import('./search-command');
      await runSearch(query.join(' '), options, io);
    });

  program
    .command('start')
    .description('migrate, load the bundled corpus, build if needed and serve on PORT (default 3000)')
    .action(async () => {
      const { runStart } = await import('./start-command');
      setExitCode(await runStart(io.log, io.stdout));
    });

  program
    .command('build')
    .description('build the app (next build) and keep the hash of its sources, so that start builds only when they change')
    .action(async () => {
      const { runBuild } = await import('./start-command');
      setExitCode(await runBuild(io.log, io.stdout));
    });

  program
    .command('dev')
    .description('what setup does, then serve the app in development mode (the development server) on PORT (default 3000)')
    .action(async () => {
      const { runDev } = await import('./start-command');
      setExitCode(await runDev(io.log, io.stdout));
    });

  program
    .command('setup')
    .description('migrate the database and load the bundled corpus (and the demo account on the embedded database)')
    .action(async () => {
      const { prepareDatabase } = await import('./start-command');
      await prepareDatabase(io.log, io.stdout);
    });

  program
    .command('demo')
    .description('load the generated demo data (reviewers in two camps, claims, credences, cruxes, rounds) into a workspace')
    .requiredOption('--workspace <slug>', 'workspace slug')
    .requiredOption('--owner <email>', 'an owner of the workspace (opens the second round)')
    .action(async (options: { workspace: string; owner: string }) => {
      const { demoLoad } = await import('./demo-command');
      await demoLoad(options, io);
    });

  const userCommand = program.command('user').description('accounts');
  userCommand
    .command('create')
    .description('create an account; the password is read from standard input')
    .requiredOption('--email <email>', 'email address')
    .requiredOption('--name <name>', 'display name')
    .option('--password-stdin', 'read the password from standard input')
    .action(async (options: { email: string; name: string; passwordStdin?: boolean }) => {
      const { userCreate } = await import('./operator-commands');
      await userCreate(options, io);
    });

  const workspaceCommand = program.command('workspace').description('workspaces and their members');
  workspaceCommand
    .command('create')
    .description('create a workspace with an owner')
    .requiredOption('--slug <slug>', 'address, e.g. reading-group')
    .requiredOption('--name <name>', 'display name')
    .requiredOption('--owner <email>', 'email of the owning user')
    .action(async (options: { slug: string; name: string; owner: string }) => {
      const { workspaceCreate } = await import('./operator-commands');
      await workspaceCreate(options, io);
    });
  workspaceCommand
    .command('dump')
    .description('write a whole workspace to a file (gzip\'d JSON lines) that `workspace restore` reads on any installation')
    .requiredOption('--workspace <slug>', 'workspace slug')
    .requiredOption('--out <file>', 'the dump file, e.g. reading-group.cruxmap.gz')
    .action(async (options: { workspace: string; out: string }) => {
      const { runWorkspaceDump } = await import('./dump-commands');
      await runWorkspaceDump(options, io);
    });
  workspaceCommand
    .command('restore')
    .description('create a workspace from a dump or a Cruxmap data package (folder or zip), in one transaction (refuses a slug that exists)')
    .argument('<file>', 'the dump file, or the package folder or zip')
    .option('--slug <slug>', 'the new workspace\'s slug (default: the dumped one)')
    .option('--owner <email>', 'make this existing account an owner too')
    .action(async (file: string, options: { slug?: string; owner?: string }) => {
      const { runWorkspaceRestore } = await import('./dump-commands');
      await runWorkspaceRestore(file, options, io);
    });
  workspaceCommand
    .command('add-member')
    .description('add a user to a workspace, or change their role')
    .requiredOption('--workspace <slug>', 'workspace slug')
    .requiredOption('--email <email>', 'email of the user')
    .requiredOption('--role <role>', 'owner, reviewer or observer')
    .action(async (options: { workspace: string; email: string; role: string }) => {
      const { workspaceAddMember } = await import('./operator-commands');
      await workspaceAddMember(options, io);
    });

  const tokenCommand = program.command('token').description('personal API tokens');
  tokenCommand
    .command('create')
    .description('create an API token for a user; printed once on standard output')
    .requiredOption('--email <email>', 'email of the user')
    .option('--name <name>', 'a name to recognise the token by', 'CLI token')
    .option('--scope <scope>', 'read (never writes) or write (what the user may do)', 'write')
    .option('--workspace <slug>', 'limit the token to this workspace (one the user can read)')
    .action(async (options: { email: string; name?: string; scope?: string; workspace?: string }) => {
      const { tokenCreate } = await import('./operator-commands');
      await tokenCreate(options, io);
    });

  const notificationsCommand = program.command('notifications').description('notification mail');
  notificationsCommand
    .command('send')
    .description('write due-date notices, then send the mail that is due (the app server also does both every 30 s)')
    .action(async () => {
      const { notificationsSend } = await import('./notification-commands');
      setExitCode(await notificationsSend(io));
    });

  const dbCommand = program.command('db').description('database maintenance');

  dbCommand
    .command('migrate')
    .description('apply pending migrations from prisma/migrations')
    .action(async () => {
      const { migrateDatabase } = await import('./start-command');
      await migrateDatabase(io.log);
    });

  dbCommand
    .command('seed')
    .description('load the bundled corpus (same as setup)')
    .action(async () => {
      const { prepareDatabase } = await import('./start-command');
      await prepareDatabase(io.log);
    });

  dbCommand
    .command('new-migration')
    .description('write prisma/migrations/<timestamp>_<name> from the changes to prisma/schema.prisma')
    .argument('<name>', 'migration name, e.g. add_tags')
    .action(async (name: string) => {
      if (!/^[a-z0-9_]+$/.test(name)) throw new UsageError('the migration name must be lowercase letters, digits and _');
      const { createPGlite } = await import('../database/embedded');
      const { pgliteTarget } = await import('../database/adapters');
      const { createMigration } = await import('../database/migrate');
      const scratch = await createPGlite();
      const created = await createMigration(pgliteTarget(scratch), name);
      io.log(created ? `cruxmap: wrote ${created.directory}` : 'cruxmap: the schema has no changes; no migration written');
    });

  return program;
}

/**
 * Runs the command `args` names (the arguments after the program's name, as in `process.argv.slice(2)`) and
 * answers its exit code. It leaves the database open: whoever runs it closes it (bin/cruxmap.ts before exiting).
 */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  const program = createProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...args], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? 0 : 2;
    }
    if (error instanceof UsageError) {
      io.error(`cruxmap: ${error.message}`);
      return 2;
    }
    const { toAppError } = await import('../errors');
    const appError = toAppError(error);
    if (appError.code === 'INTERNAL') {
      io.error('cruxmap: unexpected error');
      io.error(error);
      return 1;
    }
    const fields = Object.entries(appError.fields ?? {}).map(([field, messages]) => `${field} ${messages.join(', ')}`);
    io.error(`cruxmap: ${appError.message}${fields.length > 0 ? ` (${fields.join('; ')})` : ''}`);
    // Mistakes in what was asked (bad values, unknown names, conflicts) exit 2; a busy or failing database 1.
    return appError.status < 500 ? 2 : 1;
  }
}
