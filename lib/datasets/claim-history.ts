// What the flat exports say of a claim beyond its statement: the claims merged into it (directly or through a claim
// that was itself merged into it), and the round of review a credence value on it was given in. Pure: built from
// the workspace's merges, the documents each claim is named on, and the rounds opened on them (ClaimHistory.load
// in ./export-queries.ts reads those, a few rows per claim).
//
// The round rule is the data package's (./package/tables.ts, `roundAt`): the highest round opened on a document
// naming the claim by then, else 1 — so a CSV's `round` and the package's `credences.csv` agree (a test holds them
// equal).

export type ClaimHistoryRows = {
  merges: readonly { id: string; mergedIntoId: string }[];
  claimDocuments: readonly { claimId: string; documentId: string }[];
  rounds: readonly { documentId: string; number: number; openedAt: Date }[];
};

export class ClaimHistory {
  private readonly mergedInto = new Map<string, string[]>();
  private readonly documentsOf = new Map<string, string[]>();
  /** per document, its rounds by opening time */
  private readonly roundsOf = new Map<string, { number: number; openedAt: number }[]>();
  private readonly mergedCache = new Map<string, readonly string[]>();

  constructor(rows: ClaimHistoryRows) {
    for (const m of rows.merges) push(this.mergedInto, m.mergedIntoId, m.id);
    for (const c of rows.claimDocuments) push(this.documentsOf, c.claimId, c.documentId);
    for (const r of rows.rounds) push(this.roundsOf, r.documentId, { number: r.number, openedAt: r.openedAt.getTime() });
  }

  static readonly empty = new ClaimHistory({ merges: [], claimDocuments: [], rounds: [] });

  /** Every claim merged into `claimId`, directly or not, sorted by id (each claim once, whatever the chain). */
  mergedFrom(claimId: string): readonly string[] {
    const cached = this.mergedCache.get(claimId);
    if (cached) return cached;
    const seen = new Set<string>();
    const stack = [claimId];
    while (stack.length > 0) {
      for (const source of this.mergedInto.get(stack.pop() as string) ?? []) {
        if (source === claimId || seen.has(source)) continue;
        seen.add(source);
        stack.push(source);
      }
    }
    const list = [...seen].sort();
    this.mergedCache.set(claimId, list);
    return list;
  }

  /** The round a value given on `claimId` at `at` (ISO time) belongs to: 1 before any round was opened. */
  roundAt(claimId: string, at: string): number {
    const time = Date.parse(at);
    let round = 1;
    for (const documentId of this.documentsOf.get(claimId) ?? []) {
      for (const r of this.roundsOf.get(documentId) ?? []) if (r.openedAt <= time && r.number > round) round = r.number;
    }
    return round;
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
