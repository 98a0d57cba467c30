// The dataset card (README.md) of a data package: what the workspace is, when and by whom it was exported, the
// counts, the agreement figure, blind review and rounds explained, the licence, how to cite. Pure.
export type CardInput = {
  workspace: { slug: string; name: string };
  exportedAt: Date;
  exportedBy: string;
  identities: boolean;
  isOwner: boolean;
  /** claims whose other reviewers' values blind review left out of this export */
  blindHidden: number;
  counts: Record<string, number>;
  alpha: number | null;
  licence: string | null;
  formulaVersion: string;
};

export function datasetCard(c: CardInput): string {
  const year = c.exportedAt.getUTCFullYear();
  const rows = Object.entries(c.counts)
    .map(([name, n]) => `| \`${name}.csv\` | ${n} |`)
    .join('\n');
  return `# ${c.workspace.name} — Cruxmap dataset

A Frictionless Data Package (profile \`tabular-data-package\`) of the Cruxmap workspace \`${c.workspace.slug}\`:
its documents and their versions, the claims reviewers made on them, their evidence, cruxes, probability ratings
(credences, with every revision), conditional credences on the crux graph, the discussion threads, and the map's
per-claim statistics. \`datapackage.json\` describes every column (types, descriptions, primary and foreign keys).

- Exported: ${c.exportedAt.toISOString()} by ${c.exportedBy}${c.isOwner ? ' (owner view: hidden and archived content included)' : ''}.
- People: ${c.identities ? 'real user ids, names and emails (an owner exported with identities)' : 'pseudonymous — `reviewer-` ids stable within this workspace, no names or emails'}.
- Licence: ${c.licence ?? 'none set by the workspace owners — ask them before reusing the data'}.

## Counts

| File | Rows |
| --- | --- |
${rows}

## Agreement

Krippendorff's alpha (interval metric) over the current credences of claims rated by at least two reviewers:
**${c.alpha === null ? 'not defined (too few ratings)' : c.alpha.toFixed(4)}**.

## Statistics (formula version \`${c.formulaVersion}\`)

\`claim_statistics.csv\` is computed from \`credences.csv\` as written: with ℓ = ln(p / (1 − p)) of p clipped to
[0.01, 0.99], \`aggregate\` = sigmoid(mean ℓ); \`median\`, \`q1\`, \`q3\` = type-7 quantiles of the unclipped p;
\`spread\` = population standard deviation of ℓ; \`split\` = 2·min(share p < 0.4, share p > 0.6); \`bimodality\` =
Sarle's coefficient of ℓ when n ≥ 10; \`disagreement\` = spread·n/(n + 3). Every statistic is empty for n = 0.

## Blind review and rounds

A document under blind review shows a reviewer the others' credences on a claim only after they gave their own.
${c.blindHidden > 0 ? `This export was made by someone who had not yet rated ${c.blindHidden} such claim(s): the others' values on them are left out.` : 'No values were left out of this export by blind review.'}
Owners open rounds of review on a document (\`rounds.csv\`, numbered from 2; round 1 runs from the document's creation
to the first round opened). Each credence and revision carries the round its value was given in, so convergence
between rounds can be measured from \`credence_revisions.csv\`.

## For Polis tools

The same workspace exports as Polis data (\`format=polis\`: \`comments.csv\`, \`votes.csv\`,
\`participants-votes.csv\`), with each current credence as a vote: above 0.6 agree (1), below 0.4 disagree (-1),
0.4 to 0.6 inclusive pass (0). The values themselves are only in this package.

## How to cite

${c.workspace.name} (${year}). Cruxmap dataset \`${c.workspace.slug}\`, exported ${c.exportedAt.toISOString().slice(0, 10)}.
${c.licence ? `Licence: ${c.licence}.` : ''}
`;
}
