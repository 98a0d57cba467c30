-- One index less for each new annotation: "Annotation_claimId_idx" ("claimId" alone) repeats the second column of
-- "Annotation_workspaceId_claimId_idx" ("workspaceId", "claimId"), and every statement that reads annotations by
-- claim also names their workspace (the statement audit checks the app's; the triggers' functions take the
-- workspace since 20261210000000_workspace_keys), so the pair index serves them all.
DROP INDEX "Annotation_claimId_idx";
