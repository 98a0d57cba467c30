import { describe, expect, it } from 'vitest';
import { claimScore, isClaimLike, pickClaimSentences, sentencesOf, type PassageText } from './pick-claims';

const passage = (id: string, start: number, text: string, kind = 'paragraph'): PassageText => ({ id, kind, start, text });

describe('sentencesOf', () => {
  it('splits a paragraph into sentences with offsets into the whole text', () => {
    const text = 'RL will make agents. Pretraining alone will not!  Why? Because of data.';
    const whole = `# Title\n\n${text}`;
    const sentences = sentencesOf(passage('p1', 9, text));
    expect(sentences.map((s) => s.text)).toEqual(['RL will make agents.', 'Pretraining alone will not!', 'Why?', 'Because of data.']);
    for (const s of sentences) expect(whole.slice(s.start, s.end)).toBe(s.text);
  });
});

describe('isClaimLike', () => {
  const claim = 'Long-horizon RL or similar methods will turn AIs into consequentialists, motivating power-seeking.';
  it('accepts an assertion of fair length', () => expect(isClaimLike(claim)).toBe(true));
  it('rejects questions, short or long sentences, links and cut-off abbreviations', () => {
    expect(isClaimLike('Will long-horizon RL turn AIs into consequentialists that seek power over their world?')).toBe(false);
    expect(isClaimLike('RL will work.')).toBe(false);
    expect(isClaimLike(`${claim} ${claim} ${claim}`)).toBe(false);
    expect(isClaimLike('Models will probably follow the trend described at https://example.org/trend in detail.')).toBe(false);
    expect(isClaimLike('Possibly this will be delayed because the creators of the LLMs find patches, e.g.')).toBe(false);
  });
  it('rejects sentences that lean on the one before, unless asked not to be strict', () => {
    const leaning = 'But this will be delayed because the creators of the LLMs will find patches for it.';
    expect(isClaimLike(leaning)).toBe(false);
    expect(isClaimLike(leaning, false)).toBe(true);
  });
});

describe('claimScore', () => {
  it('prefers forecasts to first-person asides', () => {
    expect(claimScore('Scaling RL will likely make models pursue power in ways their developers did not intend.')).toBeGreaterThan(
      claimScore('I read the whole post again last night and found that it is a careful piece of writing.'),
    );
  });
});

describe('pickClaimSentences', () => {
  const paragraphs = Array.from({ length: 20 }, (_, i) =>
    passage(`p${i}`, i * 200, `Paragraph ${String(i).padStart(2, '0')} argues that reinforcement learning will change what models want in the long run. Short one.`),
  );
  it('picks the requested number of claims, spread through the document in order', () => {
    const picked = pickClaimSentences(paragraphs, 5);
    expect(picked).toHaveLength(5);
    expect(picked.map((s) => s.passageId)).toEqual(['p0', 'p4', 'p8', 'p12', 'p16']);
  });
  it('takes every candidate when there are fewer than asked, and ignores headings', () => {
    const few = [passage('h', 0, 'A heading that will surely be long enough to look like a claim to anyone.', 'heading'), ...paragraphs.slice(0, 2)];
    expect(pickClaimSentences(few, 5).map((s) => s.passageId)).toEqual(['p0', 'p1']);
  });
});
