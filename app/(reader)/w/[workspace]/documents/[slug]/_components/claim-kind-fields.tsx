'use client';
// The claim kind of the composer: before a new claim is made, the claims already on the selected text and the
// workspace's claims most like the statement (from every document) are offered, each to join instead. A new claim
// is made only by "Create new claim" (the composer's button) with the statement written here.
import { buttonStyles } from '@/app/_components/form-controls';
import { plural } from '@/app/_components/format';
import type { ClaimDto } from '@/lib/annotations/types';
import { NEW_CLAIM, similarDetail } from './claim-picker';
import { StatementField } from './statement-field';
import { useSimilarClaims } from './use-similar-claims';

type Offer = { id: string; statement: string; detail: string };

export function ClaimKindFields({
  idBase,
  statement,
  onStatementChange,
  attachClaimId,
  attachedStatement,
  onAttach,
  onlyOnText,
  claimsPath,
  claimHref,
  errors,
  showProblems,
  onEnter,
}: {
  idBase: string;
  statement: string;
  onStatementChange: (statement: string) => void;
  /** the claim to join; NEW_CLAIM: create one from the statement */
  attachClaimId: string;
  attachedStatement: string;
  onAttach: (claimId: string, statement: string) => void;
  /** the claims whose text overlaps the selection */
  onlyOnText: readonly ClaimDto[];
  claimsPath: string;
  claimHref: (claimId: string) => string;
  errors?: string[];
  showProblems: boolean;
  onEnter: () => void;
}) {
  const similar = useSimilarClaims({ path: claimsPath, text: statement, isActive: true, limit: 5 });
  const onText = new Set(onlyOnText.map((c) => c.id));
  const offers: Offer[] = [
    ...onlyOnText.map((c) => ({ id: c.id, statement: c.statement, detail: `On this text · ${c.credencesHidden ? 'ratings hidden until you rate it' : plural(c.credences.length, 'rating')}` })),
    ...similar.items.filter((c) => !onText.has(c.id)).map((c) => ({ id: c.id, statement: c.statement, detail: `${Math.round(c.similarity * 100)}% alike · ${similarDetail(c)}` })),
  ];

  return (
    <div className="space-y-3">
      {attachClaimId === NEW_CLAIM ? (
        <StatementField
          id={`${idBase}-statement`}
          label="Statement"
          value={statement}
          onChange={onStatementChange}
          errors={errors}
          showProblems={showProblems}
          onEnter={onEnter}
        />
      ) : (
        <div className="rounded-md border border-blue-200 bg-blue-50 p-3 text-sm">
          <p className="text-blue-950">Joining the existing claim “{attachedStatement}”: your highlight adds this text to it.</p>
          <button type="button" className={`${buttonStyles.link} mt-1 text-sm`} onClick={() => onAttach(NEW_CLAIM, '')}>
            Create a new claim instead
          </button>
        </div>
      )}
      <section aria-labelledby={`${idBase}-similar`} aria-busy={similar.isLoading}>
        <h3 id={`${idBase}-similar`} className="text-sm font-medium text-stone-800">
          Claims like this already in the workspace
        </h3>
        {offers.length === 0 ? (
          <p className="mt-1 text-xs text-stone-600">{similar.isLoading ? 'Looking…' : 'None found: saving creates a new claim.'}</p>
        ) : (
          <ul className="mt-1 space-y-1" data-testid="similar-claims">
            {offers.map((offer) => (
              <li key={offer.id} className="flex items-start justify-between gap-2 rounded border border-stone-200 p-2 text-sm">
                <span className="min-w-0 break-words">
                  <a href={claimHref(offer.id)} target="_blank" rel="noopener" className="text-stone-900 underline-offset-2 hover:underline">
                    {offer.statement}
                    <span className="sr-only"> (the claim’s page, opens in a new tab)</span>
                  </a>
                  <span className="block text-xs text-stone-500">{offer.detail}</span>
                </span>
                <button
                  type="button"
                  className={`${buttonStyles.secondary} min-h-8 shrink-0 px-2 py-1 text-xs`}
                  aria-pressed={attachClaimId === offer.id}
                  onClick={() => onAttach(attachClaimId === offer.id ? NEW_CLAIM : offer.id, offer.statement)}
                >
                  {attachClaimId === offer.id ? 'Joined' : 'Use this claim'}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
