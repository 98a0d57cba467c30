// Operator commands: accounts, workspaces, memberships and API tokens from the shell, audited as the operator
// (the context's actor: audit entries record no user).
import type { Readable } from 'node:stream';
import { operatorContext } from './operator-context';
import { UsageError } from './usage-error';
import { assertDatabaseAvailable } from './database-guard';

type Out = { log: (line: string) => void; error: (line: string) => void };

async function readStdin(stdin: Readable & { isTTY?: boolean }): Promise<string> {
  if (stdin.isTTY) throw new UsageError('--password-stdin reads the password from standard input: pipe it in');
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

async function userIdByEmail(email: string): Promise<string> {
  const { findUserIdByEmail } = await import('../users/queries');
  const { emailSchema } = await import('../users/schemas');
  const parsed = emailSchema.safeParse(email);
  if (!parsed.success) throw new UsageError(`--email must be an email address (got "${email}")`);
  const userId = await findUserIdByEmail({ email: parsed.data });
  if (!userId) throw new UsageError(`no user with the email ${parsed.data}`);
  return userId;
}

export async function userCreate(
  options: { email: string; name: string; passwordStdin?: boolean },
  out: Out & { stdin: Readable & { isTTY?: boolean } },
): Promise<void> {
  if (!options.passwordStdin) throw new UsageError('give the password on standard input with --password-stdin');
  const password = await readStdin(out.stdin);
  assertDatabaseAvailable();
  const { signUp } = await import('../users/mutations');
  const user = await signUp({ input: { email: options.email, name: options.name, password } });
  out.log(`created user ${user.email} (${user.id})`);
}

export async function workspaceCreate(options: { slug: string; name: string; owner: string }, out: Out): Promise<void> {
  assertDatabaseAvailable();
  const ownerId = await userIdByEmail(options.owner);
  const { operatorActor } = await import('../context/context');
  const { createWorkspace } = await import('../workspaces/mutations');
  const workspace = await createWorkspace({ actor: operatorActor, ownerId, input: { slug: options.slug, name: options.name } });
  out.log(`created workspace ${workspace.slug} ("${workspace.name}") owned by ${options.owner}`);
}

export async function workspaceAddMember(options: { workspace: string; email: string; role: string }, out: Out): Promise<void> {
  const { roleSchema } = await import('../workspaces/schemas');
  const role = roleSchema.safeParse(options.role);
  if (!role.success) throw new UsageError(`--role must be owner, reviewer or observer (got "${options.role}")`);
  assertDatabaseAvailable();
  const userId = await userIdByEmail(options.email);
  const ctx = await operatorContext(options.workspace, { missingIsUsageError: true });
  const { setMembership } = await import('../workspaces/mutations');
  await setMembership({ ctx, userId, role: role.data });
  out.log(`${options.email} is now ${role.data} of ${ctx.workspace.slug}`);
}

export async function tokenCreate(options: { email: string; name?: string; scope?: string; workspace?: string }, out: Out): Promise<void> {
  const scope = options.scope ?? 'write';
  if (scope !== 'read' && scope !== 'write') throw new UsageError(`--scope must be read or write (got "${scope}")`);
  assertDatabaseAvailable();
  const userId = await userIdByEmail(options.email);
  const { createApiToken } = await import('../auth/api-token-mutations');
  const { AppError } = await import('../errors');
  const created = await createApiToken({ userId, input: { name: options.name ?? 'CLI token', scope, workspace: options.workspace } }).catch((error: unknown) => {
    if (error instanceof AppError && error.fields?.workspace) {
      throw new UsageError(`--workspace: no workspace "${options.workspace}" that ${options.email} can read`);
    }
    throw error;
  });
  const { token, apiToken } = created;
  // The token alone on stdout, for scripts; the explanation on stderr.
  const limits = `${apiToken.scope} scope${apiToken.workspace ? `, workspace ${apiToken.workspace.slug} only` : ''}`;
  out.error(`created API token "${apiToken.name}" (${limits}) for ${options.email}; it is shown once, store it now:`);
  out.log(token);
}
