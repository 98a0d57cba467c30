-- The audit log outlives what it names: the workspace and the actor become plain ids. Their foreign keys
-- (ON DELETE CASCADE, SET NULL) turned deleting a user or workspace into a DELETE or UPDATE of audit rows, which
-- the append-only trigger refuses, so such a user or workspace could not be deleted at all. Every row is kept.
ALTER TABLE "AuditLog" DROP CONSTRAINT "AuditLog_workspaceId_fkey";
ALTER TABLE "AuditLog" DROP CONSTRAINT "AuditLog_actorId_fkey";

-- Hand-written: TRUNCATE skips row triggers; a statement trigger refuses it too.
CREATE TRIGGER "AuditLog_no_truncate"
  BEFORE TRUNCATE ON "AuditLog"
  FOR EACH STATEMENT EXECUTE FUNCTION "reject_append_only_change"();
