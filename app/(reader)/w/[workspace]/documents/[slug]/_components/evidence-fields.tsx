'use client';
// Evidence's own fields, in the composer: stance, strength and an optional source link (checked as it is typed:
// an http(s) URL, said at the field once you leave it).
import { fieldMessage, inputStyles } from '@/app/_components/form-controls';
import type { EvidenceStance } from '@/lib/annotations/types';
import { strengthLabels } from './annotation-format';

export function EvidenceDetailFields({
  idBase,
  stance,
  onStanceChange,
  strength,
  onStrengthChange,
  source,
  onSourceChange,
  onSourceBlur,
  sourceErrors,
}: {
  idBase: string;
  stance: EvidenceStance;
  onStanceChange: (stance: EvidenceStance) => void;
  strength: 1 | 2 | 3;
  onStrengthChange: (strength: 1 | 2 | 3) => void;
  source: string;
  onSourceChange: (source: string) => void;
  onSourceBlur: () => void;
  sourceErrors: string[] | undefined;
}) {
  const sourceId = `${idBase}-source`;
  return (
    <>
      <fieldset>
        <legend className="text-sm font-medium text-stone-800">Stance</legend>
        <div className="mt-1 flex gap-4 text-sm">
          {(['for', 'against'] as const).map((s) => (
            <label key={s} className="inline-flex items-center gap-2">
              <input type="radio" name={`${idBase}-stance`} value={s} checked={stance === s} onChange={() => onStanceChange(s)} className="size-4 accent-stone-800" />
              {s === 'for' ? 'Supports it (for)' : 'Undercuts it (against)'}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend className="text-sm font-medium text-stone-800">Strength</legend>
        <div className="mt-1 flex flex-wrap gap-4 text-sm">
          {([1, 2, 3] as const).map((s) => (
            <label key={s} className="inline-flex items-center gap-2">
              <input type="radio" name={`${idBase}-strength`} value={s} checked={strength === s} onChange={() => onStrengthChange(s)} className="size-4 accent-stone-800" />
              {strengthLabels[s]}
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <label htmlFor={sourceId} className="block text-sm font-medium text-stone-800">
          Source URL <span className="font-normal text-stone-500">(optional)</span>
        </label>
        <input
          id={sourceId}
          type="url"
          inputMode="url"
          placeholder="https://"
          value={source}
          onChange={(event) => onSourceChange(event.target.value)}
          onBlur={onSourceBlur}
          aria-invalid={sourceErrors?.length ? true : undefined}
          aria-describedby={sourceErrors?.length ? `${sourceId}-error` : undefined}
          className={`mt-1 ${inputStyles} text-sm`}
        />
        {sourceErrors?.length ? (
          <p id={`${sourceId}-error`} className="mt-1 text-sm font-medium text-red-700">
            {sourceErrors.map((m) => fieldMessage('Source', m)).join('. ')}
          </p>
        ) : null}
      </div>
    </>
  );
}
