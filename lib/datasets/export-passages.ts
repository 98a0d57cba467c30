// The passages an exported annotation is anchored on (ids and texts), for the JSONL and CSV rows.
import { overlappingPassages } from '../anchoring';
import { loadVersion, type VersionText } from '../documents/version-queries';
import type { ExportRecord, PassageRecord } from './model';

/** Passages (ids and texts) of the anchored range, from a per-export cache of versions loaded once per batch. */
export function passageFinder(workspaceId: string) {
  const versions = new Map<string, VersionText>();
  return {
    async load(records: readonly ExportRecord[]): Promise<void> {
      for (const record of records) {
        const id = record.anchoredVersionId;
        if (id !== null && !versions.has(id)) versions.set(id, await loadVersion({ workspaceId, versionId: id }));
      }
    },
    of(record: ExportRecord): PassageRecord[] {
      const version = record.anchoredVersionId === null ? undefined : versions.get(record.anchoredVersionId);
      if (!version || record.anchoredStart === null || record.anchoredEnd === null) return [];
      return overlappingPassages(version.passages, record.anchoredStart, record.anchoredEnd).map((p) => ({ id: p.id, text: version.text.slice(p.start, p.end) }));
    },
  };
}
