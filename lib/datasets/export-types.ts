// Who an export is for and what it covers, as resolved once before any row is read (./export-scope.ts).
import type { ExportFilters } from './model';

/** Who asks: a signed-in user (access checked), or the operator at the command line (sees what an owner sees). */

export type Scope = {
  workspace: { id: string; slug: string; name: string };
  isOwner: boolean;
  viewerId: string | null;
  documentIds: string[] | null;
  filters: ExportFilters;
};
