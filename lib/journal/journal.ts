// The audit log and the change feed of a write, collected while the transaction runs and written at its end, inside
// the caller's transaction (the audit rows, the workspace's advisory lock, the change events). Change events carry ids and versions only, never content; they are part of the writing
// transaction, so a rolled-back write leaves no event. A trigger on the table NOTIFYs the app instances at commit
// (lib/realtime/hub.ts); the workspace's advisory lock makes a workspace's event ids follow commit order, so a
// live stream is in id order and resuming after an id misses nothing.
import { Prisma } from '../generated/prisma/client';

export type ChangeEntity = 'annotation' | 'claim' | 'credence' | 'cruxLink' | 'reply' | 'membership' | 'document' | 'round';

export type AuditEntry = { workspaceId: string; actorId: string | null; action: string; entityType: string; entityId: string; data: Prisma.InputJsonValue };
export type ChangeEntry = { workspaceId: string; documentId: string | null; entity: ChangeEntity; entityId: string; action: string; version: number };
/** An entry of one of several writes in a statement (`i`: which), written only when that write is (journalCtes' `only`). */
export type IndexedEntry<T> = T & { i: number };

export class Journal {
  private readonly audits: AuditEntry[] = [];
  private readonly changes: ChangeEntry[] = [];

  constructor(private readonly tx: Prisma.TransactionClient) {}

  /** `action` is `<entity type>.<verb>`, e.g. annotation.created; `actorId` null: the operator at the command line */
  audit(workspaceId: string, actorId: string | null, action: string, entityId: string, data: Prisma.InputJsonValue = {}): this {
    this.audits.push({ workspaceId, actorId, action, entityType: action.split('.')[0] ?? action, entityId, data });
    return this;
  }

  change(entry: ChangeEntry): this {
    this.changes.push(entry);
    return this;
  }

  /**
   * Writes what was collected. The common case — changes in one workspace — is one statement: the workspace's
   * advisory lock (held until commit: the next writer to this workspace takes its ids after this transaction's are
   * visible), the audit rows and the change events, the events' ids drawn only once the lock is held.
   */
  async flush(): Promise<void> {
    const audits = this.audits.splice(0);
    const changes = this.changes.splice(0);
    const workspaces = [...new Set(changes.map((c) => c.workspaceId))].sort();
    if (workspaces.length !== 1) {
      if (audits.length > 0) await this.tx.auditLog.createMany({ data: audits });
      if (changes.length === 0) return;
      for (const workspaceId of workspaces) {
        await this.tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('cruxmap.change_events'), hashtext(${workspaceId}))`;
      }
      await this.tx.changeEvent.createMany({ data: changes });
      return;
    }
    await this.tx.$executeRaw`WITH ${journalCtes(workspaces[0] as string, audits, changes, new Date())} SELECT 1`;
  }
}

/**
 * One workspace's journal as common table expressions for a statement's WITH: the workspace's advisory lock (held
 * until commit: the next writer to this workspace takes its ids after this transaction's are visible), the audit
 * rows and the change events, the events' ids drawn only once the lock is held. `after` names a CTE of the caller's
 * statement that the lock waits for: when it yields no row, nothing of the journal is written either. `only` names a
 * CTE of the caller's with a column "i": then each entry carries its write's `i`, and only the entries of the writes
 * it lists are written, in the order given.
 */
export function journalCtes(
  workspaceId: string,
  audits: readonly AuditEntry[] | readonly IndexedEntry<AuditEntry>[],
  changes: readonly ChangeEntry[] | readonly IndexedEntry<ChangeEntry>[],
  at: Date,
  after?: string,
  only?: string,
): Prisma.Sql {
  const gate = after ? Prisma.raw(` FROM "${after}" LIMIT 1`) : Prisma.empty;
  const indexed = only ? Prisma.raw(`, "i" int, "n" bigint`) : Prisma.empty;
  const numbered = (entries: readonly object[]) => JSON.stringify(only ? entries.map((entry, n) => ({ ...entry, n })) : entries);
  const filter = (alias: string) => (only ? Prisma.raw(` WHERE ${alias}."i" IN (SELECT "i" FROM "${only}") ORDER BY ${alias}."n"`) : Prisma.empty);
  return Prisma.sql`
      journal_lock AS MATERIALIZED (
        SELECT pg_advisory_xact_lock(hashtext('cruxmap.change_events'), hashtext(${workspaceId}))${gate}
      ),
      journal_audit AS (
        INSERT INTO "AuditLog" ("workspaceId", "actorId", "action", "entityType", "entityId", "data", "createdAt")
        SELECT a."workspaceId", a."actorId", a."action", a."entityType", a."entityId", a."data", ${at}
          FROM journal_lock,
               jsonb_to_recordset(${numbered(audits)}::jsonb)
               AS a("workspaceId" text, "actorId" text, "action" text, "entityType" text, "entityId" text, "data" jsonb${indexed})${filter('a')}
      ),
      journal_changes AS (
        INSERT INTO "ChangeEvent" ("workspaceId", "documentId", "entity", "entityId", "action", "version", "createdAt")
        SELECT e."workspaceId", e."documentId", e."entity", e."entityId", e."action", e."version", ${at}
          FROM journal_lock,
               jsonb_to_recordset(${numbered(changes)}::jsonb)
               AS e("workspaceId" text, "documentId" text, "entity" text, "entityId" text, "action" text, "version" int${indexed})${filter('e')}
      )`;
}
