'use client';
// The crux form as one sentence: "My view on [claim C] depends on whether [claim K] is true; if K is true, C becomes
// [more / less] likely". Both claims are chosen with the same searchable picker (similar claims of the whole
// workspace first); a claim is made only by choosing "Create new claim", and then its statement is written here.
// Before saving, the sentence is shown with the chosen statements.
import type { CruxDirection } from '@/lib/annotations/types';
import { statementProblem } from '@/lib/annotations/input-checks';
import { ClaimPicker, CREATE_CLAIM, NEW_CLAIM, type ClaimOption } from './claim-picker';
import { StatementField } from './statement-field';

/** One end of the crux: an existing claim (`claimId`), one to create (`CREATE_CLAIM` and `statement`), or none yet. */
export type CruxEnd = { claimId: string; statement: string };
export type CruxDraft = { forClaim: CruxEnd; crux: CruxEnd; direction: CruxDirection };

export const emptyCruxDraft = (): CruxDraft => ({ forClaim: { claimId: NEW_CLAIM, statement: '' }, crux: { claimId: NEW_CLAIM, statement: '' }, direction: 'more' });

const CHOOSE = 'is required: choose a claim, or “Create new claim”';

/** What is wrong with the draft, by API field name, before anything is sent. */
export function cruxProblems(draft: CruxDraft): Record<string, string> {
  const problems: Record<string, string> = {};
  const check = (end: CruxEnd, idField: string, statementField: string) => {
    if (end.claimId === NEW_CLAIM) problems[idField] = CHOOSE;
    else if (end.claimId === CREATE_CLAIM) {
      const problem = statementProblem(end.statement);
      if (problem) problems[statementField] = problem;
    }
  };
  check(draft.forClaim, 'crux.forClaimId', 'crux.forStatement');
  check(draft.crux, 'crux.claimId', 'crux.statement');
  if (draft.crux.claimId !== NEW_CLAIM && draft.crux.claimId !== CREATE_CLAIM && draft.crux.claimId === draft.forClaim.claimId) {
    problems['crux.claimId'] = 'must be a different claim from the one your view is on';
  }
  return problems;
}

/** The API's crux fields for a complete draft: ids chosen, statements explicitly created. */
export function cruxBody(draft: CruxDraft): Record<string, string> {
  const c = draft.forClaim;
  const k = draft.crux;
  return {
    direction: draft.direction,
    ...(k.claimId === CREATE_CLAIM ? { statement: k.statement.trim() } : { claimId: k.claimId }),
    ...(c.claimId === CREATE_CLAIM ? { forStatement: c.statement.trim() } : { forClaimId: c.claimId }),
  };
}

export function CruxSentenceFields({
  idBase,
  draft,
  onChange,
  claims,
  claimsPath,
  selectedText,
  claimHref,
  errors,
  showProblems,
}: {
  idBase: string;
  draft: CruxDraft;
  onChange: (draft: CruxDraft) => void;
  /** the document's claims (those on the selected text first) */
  claims: readonly ClaimOption[];
  claimsPath: string;
  selectedText: string;
  claimHref: (claimId: string) => string;
  /** the API's and the form's messages by field name */
  errors: (field: string) => string[] | undefined;
  showProblems: boolean;
}) {
  const labelOf = (end: CruxEnd): string | undefined =>
    end.claimId === CREATE_CLAIM ? end.statement.trim() || 'a new claim' : end.statement || claims.find((c) => c.id === end.claimId)?.statement;
  const setEnd = (which: 'forClaim' | 'crux', end: CruxEnd) => onChange({ ...draft, [which]: end });

  const end = (which: 'forClaim' | 'crux', label: string, seed: string) => {
    const value = draft[which];
    const field = which === 'forClaim' ? 'crux.forClaimId' : 'crux.claimId';
    const statementField = which === 'forClaim' ? 'crux.forStatement' : 'crux.statement';
    return (
      <div className="space-y-2">
        <ClaimPicker
          id={`${idBase}-${which}`}
          label={label}
          claims={claims}
          value={value.claimId}
          valueLabel={value.claimId === CREATE_CLAIM ? `New claim: ${value.statement.trim()}` : value.statement || undefined}
          onChange={(claimId, statement) => setEnd(which, { claimId, statement })}
          onCreate={(text) => setEnd(which, { claimId: CREATE_CLAIM, statement: text })}
          similar={{ path: claimsPath, seed }}
          claimHref={claimHref}
          errors={errors(field)}
        />
        {value.claimId === CREATE_CLAIM && (
          <StatementField
            id={`${idBase}-${which}-statement`}
            label={which === 'forClaim' ? 'The new claim C' : 'The new claim K'}
            rows={2}
            value={value.statement}
            onChange={(statement) => setEnd(which, { claimId: CREATE_CLAIM, statement })}
            errors={errors(statementField)}
            showProblems={showProblems}
          />
        )}
      </div>
    );
  };

  const c = labelOf(draft.forClaim);
  const k = labelOf(draft.crux);
  return (
    <fieldset className="space-y-3" data-testid="crux-sentence">
      <legend className="text-sm font-medium text-stone-800">Why your view hinges on this text</legend>
      {end('forClaim', 'My view on (claim C)', '')}
      {end('crux', 'depends on whether (claim K)', selectedText)}
      <div role="radiogroup" aria-label="If K is true, C becomes" className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
        <span aria-hidden="true" className="font-medium text-stone-800">
          is true; if K is true, C becomes
        </span>
        {(['more', 'less'] as const).map((d) => (
          <label key={d} className="inline-flex items-center gap-2">
            <input
              type="radio"
              name={`${idBase}-direction`}
              value={d}
              checked={draft.direction === d}
              onChange={() => onChange({ ...draft, direction: d })}
              className="size-4 accent-stone-800"
            />
            {d} likely
          </label>
        ))}
      </div>
      <div className="rounded-md border border-stone-200 bg-stone-50 p-3 text-sm" data-testid="crux-preview">
        <p className="text-xs font-semibold tracking-wide text-stone-500 uppercase">Preview</p>
        {c && k ? (
          <p className="mt-1 text-stone-900">
            My view on <strong>“{c}”</strong> depends on whether <strong>“{k}”</strong> is true; if it is true, “{c}” becomes{' '}
            <strong>{draft.direction} likely</strong>.
          </p>
        ) : (
          <p className="mt-1 text-stone-600">Choose both claims to see the sentence you are saving.</p>
        )}
      </div>
    </fieldset>
  );
}
