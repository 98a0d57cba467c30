// The context every format writes with: the public address, how identities are shown, and the claims whose
// other reviewers' values blind review hides from this viewer.
import type { BlindFilter } from '../disagreement/blind';
import { publicBaseUrl } from '../env';
import { ClaimHistory } from './claim-history';
import { blindFor } from './export-queries';
import type { Scope } from './export-types';
import { Identities, type ExportContext } from './model';
import { VersionOffsets } from './version-offsets';

export function exportContext(
  scope: Scope,
  blind: BlindFilter | null,
  options: { pseudonymise: boolean; emails: boolean },
  claims: ClaimHistory = ClaimHistory.empty,
): ExportContext {
  return {
    baseUrl: publicBaseUrl(),
    workspaceSlug: scope.workspace.slug,
    identities: new Identities(options.pseudonymise, options.emails),
    hiddenClaims: blind?.hidden ?? new Set(),
    viewerId: scope.viewerId,
    positions: new VersionOffsets(scope.workspace.id),
    claims,
  };
}

/** The export context for a scope (identities, blind review). */
export async function loadExportContext(scope: Scope, options: { pseudonymise: boolean; emails: boolean }): Promise<ExportContext> {
  // the W3C container's reads: they write neither rounds nor merges, so no claim history is read for them
  return exportContext(scope, await blindFor(scope), options);
}
