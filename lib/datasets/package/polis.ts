// The Polis-compatible export (format=polis): the workspace's claims as Polis "comments" and its current credences
// as votes, in the files and columns Polis's own export writes (its openData exports and the notebooks, Talk to the
// City and Sensemaker read): comments.csv, votes.csv, participants-votes.csv — plus README.md (the mapping) and
// ids.csv (which Polis id is which Cruxmap id). A credence above 0.6 is an agree (1), below 0.4 a disagree (-1),
// anything from 0.4 to 0.6 inclusive a pass (0). Comments are the live claims (not deleted, not merged) numbered 0,
// 1, … in the order they were made, `moderated` -1 for one a moderator hid (its statement masked as the app masks
// it for this viewer), else 1; participants are the pseudonymous reviewers who rated or made one, numbered in
// the order of their first vote (then of their first claim). group-id is the reviewer's opinion group on the
// workspace's credences (as the map computes them), empty when no grouping can be made. What a viewer may not see
// (blind review, hidden statements) is left out as in the data package, whose queries this reads.
import { opinionGroups } from '../../aggregation';
import { authorize, type WorkspaceContext } from '../../context/context';
import { blindFor } from '../export-queries';
import { cell, once, type PackageEntry, type PreparedPackage } from './package';
import { moderatedClaimIds, tableRows, type Cell } from './package-queries';
import { PACKAGE_TABLES, type PackageQuery, type TableSpec } from './tables';

export const POLIS_AGREE_ABOVE = 0.6;
export const POLIS_DISAGREE_BELOW = 0.4;

/** Polis's vote for a credence: 1 agree (> 0.6), -1 disagree (< 0.4), 0 pass (0.4 to 0.6 inclusive). */
export const polisVote = (value: number): 1 | -1 | 0 => (value > POLIS_AGREE_ABOVE ? 1 : value < POLIS_DISAGREE_BELOW ? -1 : 0);

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** Polis's `datetime` column: JavaScript's Date string, in UTC ("Thu Dec 03 2026 14:05:09 GMT+0000 (Coordinated Universal Time)"). */
export function polisDatetime(date: Date): string {
  return `${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${two(date.getUTCDate())} ${date.getUTCFullYear()} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} GMT+0000 (Coordinated Universal Time)`;
}

// Polis's files end lines with LF (the package's with CRLF); cells are quoted as in the package
const csvLine = (cells: readonly (string | number | null)[]): string => `${cells.map(cell).join(',')}\n`;

const byName = (name: string): TableSpec => PACKAGE_TABLES.find((t) => t.name === name) as TableSpec;

type Comment = { claimId: string; statement: string; moderated: 1 | -1; createdBy: string; createdAt: Date; id: number; agrees: number; disagrees: number };
type Vote = { claimId: string; reviewer: string; value: number; at: Date };

async function readAll(spec: TableSpec, q: PackageQuery, batchSize: number): Promise<Cell[][]> {
  const rows: Cell[][] = [];
  for await (const batch of tableRows(spec, q, batchSize)) rows.push(...batch);
  return rows;
}

export function polisReadme({ workspace, exportedAt, comments, participants, votes, grouped }: { workspace: { name: string; slug: string }; exportedAt: Date; comments: number; participants: number; votes: number; grouped: boolean }): string {
  return `# ${workspace.name}: Cruxmap claims and credences for Polis tools

Exported ${exportedAt.toISOString()} from the Cruxmap workspace \`${workspace.slug}\`, in the files and columns of a
Polis export, so tools built for Polis data (its notebooks, Talk to the City, Sensemaker) can read it.

- **${comments} comments** (\`comments.csv\`): the workspace's live claims (not deleted, not merged into another),
  numbered 0, 1, … in the order they were made; \`comment-body\` is the statement; \`moderated\` is -1 for a claim a moderator hid (every annotation making it
  hidden; its statement shown only to owners and its author), 1 for the others.
- **${votes} votes** (\`votes.csv\`): each reviewer's current credence in a claim, as a vote:
  | credence | vote |
  | --- | --- |
  | above 0.6 | 1 (agree) |
  | below 0.4 | -1 (disagree) |
  | 0.4 to 0.6, inclusive | 0 (pass) |
  \`timestamp\` (Unix seconds) and \`datetime\` are when the current value was given.
- **${participants} participants** (\`participants-votes.csv\`): the reviewers (pseudonymous), numbered in the order of
  their first vote; one column per comment id with their vote (empty: no credence). \`group-id\` is ${
    grouped ? "the reviewer's opinion group as Cruxmap's map computes it on these credences (k-means on the first two principal components of the log-odds, as Polis does on votes), empty for reviewers with too few ratings" : 'empty: too few reviewers rated enough claims for opinion groups'
  }.
- \`ids.csv\` maps each Polis id back to the Cruxmap claim id or the reviewer's pseudonym in the workspace's data package.

A credence says more than a vote: the thresholds throw away how sure each reviewer is. For the values themselves,
export the data package (\`format=package\`).
`;
}

export async function preparePolis({ ctx, batchSize = 2000, now = new Date() }: { ctx: WorkspaceContext; batchSize?: number; now?: Date }): Promise<PreparedPackage> {
  authorize(ctx, 'export');
  const isOwner = ctx.role === 'owner';
  const workspace = { id: ctx.workspace.id, slug: ctx.workspace.slug, name: ctx.workspace.name };
  const blind = await blindFor({ workspace, isOwner, viewerId: ctx.userId, documentIds: null, filters: { documents: [], kinds: [], authors: [], from: null, to: null, pseudonymise: true } });
  const q: PackageQuery = { workspaceId: workspace.id, isOwner, viewerId: ctx.userId, identities: false, hiddenClaims: [...(blind?.hidden ?? [])] };

  // claims: [id, statement, createdBy, mergedIntoId, mergedAt, deleted, createdAt]
  const claimRows = (await readAll(byName('claims'), q, batchSize)).filter((r) => r[3] === null && r[5] === false);
  const moderated = await moderatedClaimIds(workspace.id);
  const comments: Comment[] = claimRows
    .map((r) => ({ claimId: r[0] as string, statement: r[1] as string, moderated: moderated.has(r[0] as string) ? (-1 as const) : (1 as const), createdBy: r[2] as string, createdAt: new Date(r[6] as string), id: 0, agrees: 0, disagrees: 0 }))
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.claimId.localeCompare(b.claimId));
  comments.forEach((c, i) => (c.id = i));
  const commentOf = new Map(comments.map((c) => [c.claimId, c]));

  // credences: [claimId, reviewerId, value, round, revisions, imported, updatedAt]
  const votes: Vote[] = (await readAll(byName('credences'), q, batchSize))
    .filter((r) => commentOf.has(r[0] as string))
    .map((r) => ({ claimId: r[0] as string, reviewer: r[1] as string, value: r[2] as number, at: new Date(r[6] as string) }))
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.reviewer.localeCompare(b.reviewer) || a.claimId.localeCompare(b.claimId));

  const participantOf = new Map<string, number>();
  const join = (reviewer: string) => {
    if (!participantOf.has(reviewer)) participantOf.set(reviewer, participantOf.size);
  };
  for (const v of votes) join(v.reviewer);
  for (const c of comments) join(c.createdBy);

  type Row = { votes: Map<number, number>; agree: number; disagree: number; comments: number };
  const participants = new Map<number, Row>();
  const rowOf = (id: number): Row => {
    let row = participants.get(id);
    if (!row) participants.set(id, (row = { votes: new Map(), agree: 0, disagree: 0, comments: 0 }));
    return row;
  };
  for (const [, id] of participantOf) rowOf(id);
  for (const c of comments) rowOf(participantOf.get(c.createdBy) as number).comments += 1;
  for (const v of votes) {
    const vote = polisVote(v.value);
    const comment = commentOf.get(v.claimId) as Comment;
    const row = rowOf(participantOf.get(v.reviewer) as number);
    row.votes.set(comment.id, vote);
    if (vote === 1) {
      row.agree += 1;
      comment.agrees += 1;
    } else if (vote === -1) {
      row.disagree += 1;
      comment.disagrees += 1;
    }
  }

  const groups = opinionGroups(votes.map((v) => ({ claimId: v.claimId, reviewerId: v.reviewer, value: v.value })));
  const groupOf = new Map(groups.reviewers.flatMap((r) => (r.group === null ? [] : [[r.reviewerId, r.group] as const])));
  const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

  const commentsCsv = () => {
    let out = csvLine(['timestamp', 'datetime', 'comment-id', 'author-id', 'agrees', 'disagrees', 'moderated', 'comment-body']);
    for (const c of comments) out += csvLine([seconds(c.createdAt), polisDatetime(c.createdAt), c.id, participantOf.get(c.createdBy) as number, c.agrees, c.disagrees, c.moderated, c.statement]);
    return out;
  };
  const votesCsv = () => {
    let out = csvLine(['timestamp', 'datetime', 'comment-id', 'voter-id', 'vote']);
    for (const v of votes) out += csvLine([seconds(v.at), polisDatetime(v.at), (commentOf.get(v.claimId) as Comment).id, participantOf.get(v.reviewer) as number, polisVote(v.value)]);
    return out;
  };
  const reviewerOf = new Map([...participantOf].map(([reviewer, id]) => [id, reviewer]));
  const participantsCsv = () => {
    let out = csvLine(['participant', 'group-id', 'n-comments', 'n-votes', 'n-agree', 'n-disagree', ...comments.map((c) => String(c.id))]);
    for (const [id, row] of [...participants].sort((a, b) => a[0] - b[0])) {
      const group = groupOf.get(reviewerOf.get(id) as string);
      out += csvLine([id, group ?? null, row.comments, row.votes.size, row.agree, row.disagree, ...comments.map((c) => row.votes.get(c.id) ?? null)]);
    }
    return out;
  };
  const idsCsv = () => {
    let out = csvLine(['kind', 'polis-id', 'cruxmap-id']);
    for (const c of comments) out += csvLine(['comment', c.id, c.claimId]);
    for (const [reviewer, id] of participantOf) out += csvLine(['participant', id, reviewer]);
    return out;
  };

  let written = 0;
  const entry = (path: string, make: () => string, rows: number): PackageEntry => ({
    path,
    chunks: () => {
      written += rows;
      return once(make());
    },
  });
  const entries: PackageEntry[] = [
    entry('comments.csv', commentsCsv, comments.length),
    entry('votes.csv', votesCsv, votes.length),
    entry('participants-votes.csv', participantsCsv, participants.size),
    entry('ids.csv', idsCsv, 0),
    entry('README.md', () => polisReadme({ workspace, exportedAt: now, comments: comments.length, participants: participants.size, votes: votes.length, grouped: groups.groups.length > 0 }), 0),
  ];
  const counts = { comments: comments.length, votes: votes.length, participants: participants.size };
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return { filename: `${workspace.slug}-polis-${stamp}.zip`, total: () => Promise.resolve(votes.length), counts, entries, progress: () => written };
}
