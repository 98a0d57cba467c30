// W3C offsets for exported annotations: TextPositionSelector counts code points, the app UTF-16 code units
// (lib/anchoring/code-points.ts). Each document version's table of surrogate pairs is read once per export (or
// container page) from its text, which is then let go; `load` the versions of a batch before formatting it.
import { astralStarts, toCodePoints } from '../anchoring/code-points';
import { versionTexts } from './export-queries';
import type { PositionUnits } from './model';

export type { PositionUnits };

/** For texts known to lie in the Basic Multilingual Plane (unit tests of the formats). */
export const bmpPositions: PositionUnits = { load: () => Promise.resolve(), toCodePoints: (_versionId, utf16) => utf16 };

export class VersionOffsets implements PositionUnits {
  private readonly tables = new Map<string, Uint32Array | null>();

  constructor(private readonly workspaceId: string) {}

  async load(versionIds: Iterable<string>): Promise<void> {
    const missing = [...new Set(versionIds)].filter((id) => !this.tables.has(id));
    // a few versions at a time: each text can be megabytes
    for (let i = 0; i < missing.length; i += 8) {
      const rows = await versionTexts(this.workspaceId, missing.slice(i, i + 8));
      for (const row of rows) this.tables.set(row.id, astralStarts(row.text));
    }
  }

  toCodePoints(versionId: string, utf16: number): number {
    const table = this.tables.get(versionId);
    if (table === undefined) throw new Error(`version ${versionId} was not loaded before its annotations were formatted`);
    return toCodePoints(table, utf16);
  }
}
