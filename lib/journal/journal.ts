// The audit log and the change feed of a write, collected while the transaction runs and written at its end, inside
// the caller's transaction (the audit rows, the workspace's advisory lock, the change events). Change events carry ids and versions only, never content; they are part of the writing
// transaction, so a rolled-back write leaves no event. A trigger on the table NOTIFYs the app instances at commit
// (lib/realtime/hub.ts); the workspace's advisory lock makes a workspace's event ids follow commit order, so a
// live stream is in id order and resuming after an id misses nothing.
import type { Prisma } from '../generated/prisma/client';

export type ChangeEntity = 'annotation' | 'claim' | 'credence' | 'cruxLink' | 'reply' | 'membership' | 'document' | 'round';

type AuditEntry = { workspaceId: string; actorId: string | null; action: string; entityType: string; entityId: string; data: Prisma.InputJsonValue };
type ChangeEntry = { workspaceId: string; documentId: string | null; entity: ChangeEntity; entityId: string; action: string; version: number };

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

  async flush(): Promise<void> {
    if (this.audits.length > 0) await this.tx.auditLog.createMany({ data: this.audits.splice(0) });
    if (this.changes.length === 0) return;
    const changes = this.changes.splice(0);
    // Held until commit: the next writer to this workspace takes its ids after this transaction's are visible.
    for (const workspaceId of [...new Set(changes.map((c) => c.workspaceId))].sort()) {
      await this.tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('cruxmap.change_events'), hashtext(${workspaceId}))`;
    }
    await this.tx.changeEvent.createMany({ data: changes });
  }
}
