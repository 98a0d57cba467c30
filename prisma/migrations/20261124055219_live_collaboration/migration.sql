-- CreateTable
CREATE TABLE "Presence" (
    "workspaceId" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "passageId" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Presence_pkey" PRIMARY KEY ("workspaceId","documentId","userId")
);

-- CreateIndex
CREATE INDEX "Presence_expiresAt_idx" ON "Presence"("expiresAt");

-- AddForeignKey
ALTER TABLE "Presence" ADD CONSTRAINT "Presence_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Presence" ADD CONSTRAINT "Presence_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Presence" ADD CONSTRAINT "Presence_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The live change feed: every statement that inserts change events notifies the app instances listening on
-- "cruxmap_events" with the new rows (ids, entity, action and version: never content), in chunks that stay
-- under NOTIFY's 8000-byte payload limit. PostgreSQL delivers a NOTIFY only when its transaction commits, so a
-- rolled-back write notifies nobody.
CREATE FUNCTION cruxmap_notify_change_events() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  payload text;
BEGIN
  FOR payload IN
    SELECT json_build_object('e', json_agg(json_build_array(r.id::text, r."workspaceId", r."documentId", r.entity, r."entityId", r.action, r.version) ORDER BY r.id))::text
      FROM (SELECT i.*, (row_number() OVER (ORDER BY i.id) - 1) / 25 AS chunk FROM inserted i) r
     GROUP BY r.chunk
     ORDER BY r.chunk
  LOOP
    PERFORM pg_notify('cruxmap_events', payload);
  END LOOP;
  RETURN NULL;
END
$$;

CREATE TRIGGER "ChangeEvent_notify" AFTER INSERT ON "ChangeEvent"
  REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION cruxmap_notify_change_events();
