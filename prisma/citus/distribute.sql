-- Distributing Cruxmap's schema on Citus (a distributed PostgreSQL), sharded by workspace.
--
-- Run once on the coordinator, after `cruxmap db migrate` has created the schema there and before any data is
-- written (Citus moves existing rows into shards, but an empty schema distributes in seconds):
--   psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -f prisma/citus/distribute.sql
-- The app then talks to the coordinator through DATABASE_URL as to any PostgreSQL server.
--
-- What makes this possible (migration 20261210000000_workspace_keys): every workspace-owned table's primary key
-- and unique constraints lead with "workspaceId", and every foreign key between two of them includes it, so
-- each workspace's rows live on one node with the keys enforced there. tests/setup/statement-audit.ts checks that
-- every statement the integration suite sends constrains "workspaceId" on these tables (so Citus routes it to
-- one shard), with an allow-list of the few that span workspaces.
--
-- Not yet done for Citus (ARCHITECTURE.md, "Scaling out"): the statement-level triggers (search index, hidden
-- claim statements, change-event NOTIFY) would have to run on the shards or move into the app; the change-event
-- NOTIFY and the per-workspace advisory lock change as ARCHITECTURE.md says.

BEGIN;

-- Tables without a workspace, or read across workspaces by key before the workspace is known: a copy on every
-- node, so any shard can join them.
SELECT create_reference_table('"User"');
SELECT create_reference_table('"Account"');
SELECT create_reference_table('"Session"');
SELECT create_reference_table('"VerificationToken"');
SELECT create_reference_table('"RateLimitBucket"');
SELECT create_reference_table('"NotificationSettings"');
SELECT create_reference_table('"EmailOutbox"');
SELECT create_reference_table('"Workspace"');
-- a member's list of workspaces and every request's context read memberships by user, across workspaces
SELECT create_reference_table('"Membership"');
-- an invitation link is opened by its token before its workspace is known
SELECT create_reference_table('"Invite"');
-- API tokens belong to a user; a workspace-scoped token names its workspace, an account token none
SELECT create_reference_table('"ApiToken"');

-- The audit log keeps account events with no workspace ("workspaceId" NULL), which a distribution column cannot
-- hold: it stays on the coordinator, written in the same transactions as the distributed tables.
SELECT citus_add_local_table_to_metadata('"AuditLog"');

-- Workspace-owned tables: sharded by "workspaceId", all co-located, so a workspace's rows of every table are on
-- the same node and joins on "workspaceId" stay on it.
SELECT create_distributed_table('"Document"', 'workspaceId');
SELECT create_distributed_table('"DocumentVersion"', 'workspaceId', colocate_with => '"Document"');
SELECT create_distributed_table('"Passage"', 'workspaceId', colocate_with => '"Document"');
SELECT create_distributed_table('"Claim"', 'workspaceId', colocate_with => '"Document"');
SELECT create_distributed_table('"ClaimRevision"', 'workspaceId', colocate_with => '"Document"');
SELECT create_distributed_table('"ClaimMerge"', 'workspaceId', colocate_with => '"Document"');
SELECT create_distributed_table('"Annotation"', 'workspaceId', colocate_with => '"Document"');
SELECT create_distributed_table('"Credence"', 'workspaceId', colocate_with => '"Document"');
SELECT create_distributed_table('"CredenceRevision"', 'workspaceId', colocate_with => '"Document"');
SELECT create_distributed_table('"CruxLink"', 'workspaceId', colocate_with => '"Document"');
SELECT create_distributed_table('"CruxConditional"', 'workspaceId', colocate_with => '"Document"');
SELECT create_distributed_table('"CruxConditionalRevision"', 'workspaceId', colocate_with => '"Document"');
SELECT create_distributed_table('"Reply"', 'workspaceId', colocate_with => '"Document"');
SELECT create_distributed_table('"Round"', 'workspaceId', colocate_with => '"Document"');
SELECT create_distributed_table('"ChangeEvent"', 'workspaceId', colocate_with => '"Document"');
SELECT create_distributed_table('"Presence"', 'workspaceId', colocate_with => '"Document"');
SELECT create_distributed_table('"SearchEntry"', 'workspaceId', colocate_with => '"Document"');
SELECT create_distributed_table('"SearchWord"', 'workspaceId', colocate_with => '"Document"');
SELECT create_distributed_table('"QueueSkip"', 'workspaceId', colocate_with => '"Document"');
SELECT create_distributed_table('"DocumentVisit"', 'workspaceId', colocate_with => '"Document"');
SELECT create_distributed_table('"Notification"', 'workspaceId', colocate_with => '"Document"');
SELECT create_distributed_table('"Assignment"', 'workspaceId', colocate_with => '"Document"');

COMMIT;
