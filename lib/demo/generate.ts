// The "demo" preset: realistic, generated annotations on a workspace's documents, so the disagreement map has
// something to show on a fresh install. Fourteen generated reviewers in two camps (worried, sceptical) and two
// independents put claims on sentences of the texts, rate them, attach evidence for and against, mark cruxes
// (including a few double cruxes between the camps), give conditional credences on the crux links (coherent with
// their own credences, so the numbers find double cruxes too) and reply to each other; on the first document a second round
// is opened and some reviewers move toward each other. Everything is written as the API's mutations write it (with
// audit entries and change events): in batches by default, or through the mutations themselves, one transaction
// each (lib/demo/writer.ts) — and visibly marked as generated: reviewers are
// named "… (demo)", use emails at demo.cruxmap.invalid, and every text they write starts with "[Generated demo]".
// The same seed gives the same data.
import type { CreateAnnotationInput } from '../annotations/schemas';
import { loadVersion } from '../documents/version-queries';
import { operatorActor } from '../context/context';
import { loadWorkspaceContext } from '../context/queries';
import { seededRandom } from '../seeded-random';
import { setMembership } from '../workspaces/mutations';
import { batchWriter } from './batch-mutations';
import { DEMO_EMAIL_DOMAIN, DEMO_MARK } from './marks';
import { ensureDemoUser } from './mutations';
import { pickClaimSentences, sentencesOf, isClaimLike, type Sentence } from './pick-claims';
import { countDemoMembers, documentsToAnnotate, passagesOfVersion, workspaceSlugOf } from './queries';
import { mutationsWriter, type DemoDocument, type DemoWriterKind } from './writer';

type Camp = 'worried' | 'sceptical' | 'independent';
const REVIEWERS: { name: string; camp: Camp }[] = [
  { name: 'Ada', camp: 'worried' },
  { name: 'Bao', camp: 'worried' },
  { name: 'Chidi', camp: 'worried' },
  { name: 'Dana', camp: 'worried' },
  { name: 'Emeka', camp: 'worried' },
  { name: 'Farah', camp: 'worried' },
  { name: 'Gus', camp: 'sceptical' },
  { name: 'Hana', camp: 'sceptical' },
  { name: 'Ivo', camp: 'sceptical' },
  { name: 'Jun', camp: 'sceptical' },
  { name: 'Kemal', camp: 'sceptical' },
  { name: 'Lena', camp: 'sceptical' },
  { name: 'Mira', camp: 'independent' },
  { name: 'Noor', camp: 'independent' },
];

/** How the camps lean on a claim, as mean log-odds (worried, sceptical) and the spread of individuals around it. */
type Profile = { kind: 'contested' | 'consensus' | 'uncertain' | 'mild'; worried: number; sceptical: number; noise: number };

function profileFor(rand: () => number): Profile {
  const roll = rand();
  const flip = rand() < 0.35 ? -1 : 1; // some contested claims are the sceptics' theses
  if (roll < 0.45) return { kind: 'contested', worried: 1.7 * flip, sceptical: -1.4 * flip, noise: 0.5 };
  if (roll < 0.7) {
    const sign = rand() < 0.7 ? 1 : -1;
    return { kind: 'consensus', worried: 1.5 * sign, sceptical: 1.1 * sign, noise: 0.45 };
  }
  if (roll < 0.85) return { kind: 'uncertain', worried: 0.1, sceptical: -0.1, noise: 1.1 };
  return { kind: 'mild', worried: 0.8 * flip, sceptical: -0.3 * flip, noise: 0.5 };
}

const logistic = (x: number) => 1 / (1 + Math.exp(-x));
const logit = (p: number) => Math.log(p / (1 - p));
const round2 = (p: number) => Math.round(Math.min(0.99, Math.max(0.01, p)) * 100) / 100;

function gaussian(rand: () => number): number {
  // Box–Muller
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

/**
 * A reviewer's conditionals on a link (K, C) from their credences k in K and c in C: a = c + (1 − k)·d and
 * b = c − k·d, so that k·a + (1 − k)·b = c (coherent, up to clipping) and a − b = d, the same hinge for everyone.
 * Two camps apart on K and C then disagree much less once K is settled: a double crux in numbers.
 */
function conditionalsFor(k: number, c: number, d: number): { ifTrue: number; ifFalse: number } {
  const clamp = (p: number) => Math.round(Math.min(1, Math.max(0, p)) * 100) / 100;
  return { ifTrue: clamp(c + (1 - k) * d), ifFalse: clamp(c - k * d) };
}

const EVIDENCE_FOR = [
  'This passage is the strongest support for the claim in the text.',
  'The mechanism described here is exactly what the claim needs.',
  'A concrete case that fits the claim.',
];
const EVIDENCE_AGAINST = [
  'This cuts against the claim: the same reasoning predicts things we have not seen.',
  'The text concedes the point here, which weakens the claim.',
  'An alternative explanation that fits the observations as well.',
];
const REPLIES = {
  worried: [
    'The argument does not need long-horizon RL to be the whole story; a little goes a long way.',
    'I rated this high because the incentive is there whether or not we see it yet.',
  ],
  sceptical: [
    'I rate this much lower: the evidence so far is from systems that were never trained this way.',
    'This assumes the training signal generalises the way the author expects, which is the open question.',
  ],
  independent: ['Both readings fit the passage; the crux is what more RL does to the simulator regime.'],
} as const;

export type DemoReport = { status: 'created' | 'exists'; reviewers: number; claims: number; annotations: number; replies: number; ms: number };

export async function loadDemoPreset({
  workspaceId,
  ownerId,
  claimsPerDocument = 12,
  seed = 2026,
  writer: writerKind = 'batch',
  onProgress,
}: {
  workspaceId: string;
  /** an owner of the workspace: opens the second round */
  ownerId: string;
  claimsPerDocument?: number;
  seed?: number;
  /** `batch` (default): multi-row INSERTs, a transaction per document; `mutations`: the API's mutations, one call each */
  writer?: DemoWriterKind;
  /** annotations written of the total (an estimate with `mutations`), and the document being written */
  onProgress?: (done: number, total: number, document: string) => void;
}): Promise<DemoReport> {
  const started = performance.now();
  const ws = await workspaceSlugOf(workspaceId);
  const operator = await loadWorkspaceContext({ actor: operatorActor, workspace: ws });
  const already = await countDemoMembers(workspaceId);
  if (already > 0) return { status: 'exists', reviewers: already, claims: 0, annotations: 0, replies: 0, ms: performance.now() - started };

  const rand = seededRandom(seed);
  // conditionals draw from their own stream, so adding them left the rest of the generated data as it was
  const randConditional = seededRandom(seed + 1);
  const reviewers: { id: string; name: string; camp: Camp }[] = [];
  for (const [i, r] of REVIEWERS.entries()) {
    const email = `${r.name.toLowerCase()}@${DEMO_EMAIL_DOMAIN}`;
    const user = await ensureDemoUser({ email, name: `${r.name} (demo)` });
    await setMembership({ ctx: operator, userId: user.id, role: 'reviewer' });
    reviewers[i] = { id: user.id, name: r.name, camp: r.camp };
  }
  let annotations = 0;
  let replies = 0;
  let claimCount = 0;
  const writer = writerKind === 'batch' ? batchWriter({ workspaceId }) : mutationsWriter({ workspaceId, workspaceSlug: ws });
  const annotate = (userId: string, input: CreateAnnotationInput) => {
    annotations++;
    return writer.annotate(userId, input);
  };
  const body = (text: string) => `${DEMO_MARK} ${text}`;

  const documents = await documentsToAnnotate(workspaceId);
  const plans = [];
  for (const document of documents) {
    const version = await loadVersion({ workspaceId, versionId: document.currentVersionId as string });
    const passages = await passagesOfVersion({ workspaceId, versionId: version.id });
    const claims = pickClaimSentences(passages, claimsPerDocument);
    const chosen = new Set(claims.map((c) => c.start));
    const others = passages
      .filter((p) => p.kind === 'paragraph')
      .flatMap((p) => sentencesOf(p).filter((s) => isClaimLike(s.text) && !chosen.has(s.start)));
    plans.push({ document: { id: document.id, slug: document.slug, version } satisfies DemoDocument, version, claims, others });
  }
  // the mutations writer reports as it goes, against an estimate; the batch writer once per document written
  const total = plans.reduce((sum, p) => sum + p.claims.length * (REVIEWERS.length + 3), 0);
  let done = 0;
  const tick = (slug: string, by = 1) => {
    done += by;
    if (!writer.reportsProgress) onProgress?.(Math.min(done, total), total, slug);
  };

  for (const [d, { document, version, claims, others }] of plans.entries()) {
    writer.beginDocument(document);
    const target = (s: Sentence) => ({
      exact: s.text,
      start: s.start,
      end: s.end,
      prefix: version.text.slice(Math.max(0, s.start - 32), s.start),
      suffix: version.text.slice(s.end, s.end + 32),
    });
    type Made = { claimId: string; annotationId: string; sentence: Sentence; profile: Profile; values: Map<string, number> };
    const made: Made[] = [];
    for (const [c, sentence] of claims.entries()) {
      const author = reviewers[(d * 5 + c) % reviewers.length] as (typeof reviewers)[number];
      const created = await annotate(author.id, { kind: 'claim', document: document.slug, target: target(sentence) });
      const claimId = created.claimId as string;
      claimCount++;
      tick(document.slug);
      const profile = profileFor(rand);
      const values = new Map<string, number>();
      for (const reviewer of reviewers) {
        if (reviewer.id !== author.id && rand() > 0.8) continue;
        const mean = reviewer.camp === 'worried' ? profile.worried : reviewer.camp === 'sceptical' ? profile.sceptical : (profile.worried + profile.sceptical) / 2;
        const value = round2(logistic(mean + profile.noise * gaussian(rand)));
        values.set(reviewer.id, value);
        await annotate(reviewer.id, { kind: 'probability', document: document.slug, probability: { claimId, value } });
        tick(document.slug);
      }
      made.push({ claimId, annotationId: created.annotationId, sentence, profile, values });
    }

    // evidence on the contested and mild claims: each camp points at a passage for its side
    const inCamp = (camp: Camp) => reviewers.filter((r) => r.camp === camp);
    for (const claim of made.filter((m) => m.profile.kind === 'contested' || m.profile.kind === 'mild')) {
      const other = others[Math.floor(rand() * others.length)];
      if (!other) continue;
      const worriedSide = claim.profile.worried > 0 ? 'for' : 'against';
      for (const [camp, stance] of [
        ['worried', worriedSide],
        ['sceptical', worriedSide === 'for' ? 'against' : 'for'],
      ] as const) {
        const pool = inCamp(camp);
        const reviewer = pool[Math.floor(rand() * pool.length)] as (typeof reviewers)[number];
        const texts = stance === 'for' ? EVIDENCE_FOR : EVIDENCE_AGAINST;
        const sentence = camp === 'worried' ? other : (others[Math.floor(rand() * others.length)] as Sentence);
        await annotate(reviewer.id, {
          kind: 'evidence',
          document: document.slug,
          target: target(sentence),
          evidence: { claimId: claim.claimId, stance, strength: 1 + Math.floor(rand() * 3) },
          body: body(texts[Math.floor(rand() * texts.length)] as string),
        });
      }
      tick(document.slug, 2);
    }

    // cruxes: for pairs of contested claims, one worried and one sceptical reviewer who rated both far apart
    // mark K as the crux of C (a double crux); a third reviewer marks another pair alone
    const contested = made.filter((m) => m.profile.kind === 'contested');
    for (let i = 0; i + 1 < contested.length && i < 4; i += 2) {
      const K = contested[i] as Made;
      const C = contested[i + 1] as Made;
      const apart = (camp: Camp) =>
        inCamp(camp).filter((r) => K.values.has(r.id) && C.values.has(r.id)).sort((a, b) => (K.values.get(b.id) ?? 0) - (K.values.get(a.id) ?? 0));
      const worried = apart('worried');
      const sceptical = apart('sceptical');
      const pair = [worried[0], sceptical[sceptical.length - 1]].filter((r): r is (typeof reviewers)[number] => r !== undefined);
      for (const reviewer of pair) {
        const direction = ((K.values.get(reviewer.id) ?? 0.5) > 0.5) === ((C.values.get(reviewer.id) ?? 0.5) > 0.5) ? 'more' : 'less';
        await annotate(reviewer.id, {
          kind: 'crux',
          document: document.slug,
          target: target(K.sentence),
          crux: { claimId: K.claimId, forClaimId: C.claimId, direction },
          body: body(`If I changed my mind on this, I would change it on “${C.sentence.text.slice(0, 60)}…” too.`),
        });
      }
      tick(document.slug);
    }
    const single = made.filter((m) => m.profile.kind !== 'contested');
    if (single.length >= 2 && contested[0]) {
      const reviewer = inCamp('independent')[d % 2] as (typeof reviewers)[number];
      await annotate(reviewer.id, {
        kind: 'crux',
        document: document.slug,
        target: target((single[0] as Made).sentence),
        crux: { claimId: (single[0] as Made).claimId, forClaimId: contested[0].claimId, direction: 'more' },
      });
    }

    // conditional credences on the links just marked: most reviewers who rated both K and C say how C hinges on K,
    // coherently with their own credences (see conditionalsFor)
    const linked: [Made, Made, number][] = [];
    for (let i = 0; i + 1 < contested.length && i < 4; i += 2) linked.push([contested[i] as Made, contested[i + 1] as Made, 0.8]);
    if (single.length >= 2 && contested[0]) linked.push([single[0] as Made, contested[0], 0.3]);
    for (const [K, C, strength] of linked) {
      // C rises with K when the camps lean the same way on both, falls with it otherwise
      const sign = Math.sign(K.profile.worried - K.profile.sceptical || 1) * Math.sign(C.profile.worried - C.profile.sceptical || 1);
      for (const reviewer of reviewers) {
        const k = K.values.get(reviewer.id);
        const c = C.values.get(reviewer.id);
        if (k === undefined || c === undefined || randConditional() > 0.75) continue;
        await writer.setConditionals(reviewer.id, { cruxClaimId: K.claimId, forClaimId: C.claimId }, conditionalsFor(k, c, sign * strength));
      }
    }

    // a short thread on the most contested claim
    const hottest = contested[0];
    if (hottest) {
      for (const camp of ['worried', 'sceptical', 'independent'] as const) {
        const reviewer = inCamp(camp)[d % inCamp(camp).length] as (typeof reviewers)[number];
        const lines = REPLIES[camp];
        await writer.reply(reviewer.id, hottest.annotationId, body(lines[d % lines.length] as string));
        replies++;
      }
    }

    // round 2 on the first document: after discussion, some reviewers move halfway toward the group's mean
    if (d === 0) {
      await writer.openRound(ownerId, document);
      for (const claim of contested) {
        const values = [...claim.values.values()];
        const mean = values.reduce((s, v) => s + logit(Math.min(0.99, Math.max(0.01, v))), 0) / values.length;
        for (const [reviewerId, value] of claim.values) {
          if (rand() > 0.6) continue;
          const moved = round2(logistic((logit(Math.min(0.99, Math.max(0.01, value))) + mean) / 2));
          await annotate(reviewerId, { kind: 'probability', document: document.slug, probability: { claimId: claim.claimId, value: moved } });
        }
      }
    }
  }
  const written = plans.length > 0 && writer.reportsProgress ? { done: 0, total: annotations } : null;
  if (written) onProgress?.(0, written.total, plans[0]?.document.slug ?? '');
  await writer.finish((document, count) => {
    if (!written) return;
    written.done += count;
    onProgress?.(written.done, written.total, document.slug);
  });
  onProgress?.(written?.total ?? total, written?.total ?? total, 'done');
  return { status: 'created', reviewers: reviewers.length, claims: claimCount, annotations, replies, ms: performance.now() - started };
}
