import { describe, expect, it } from 'vitest';
import { normalizeTitle, titleHeadingId } from './title-heading';

const heading = (text: string) => ({ id: 'h', kind: 'heading', text });
const paragraph = { id: 'p', kind: 'paragraph', text: 'Body text.' };

describe('titleHeadingId', () => {
  it('finds a first heading that repeats the title, ignoring case, spacing, quotes and end punctuation', () => {
    expect(titleHeadingId('Scheming AIs', [heading('Scheming AIs'), paragraph])).toBe('h');
    expect(titleHeadingId('Scheming  AIs', [heading('scheming AIs.'), paragraph])).toBe('h');
    expect(titleHeadingId('“Power” and deception', [heading('"Power" and deception'), paragraph])).toBe('h');
    expect(titleHeadingId('Ｗide title', [heading('wide title')])).toBe('h');
  });

  it('leaves other first passages and different headings alone', () => {
    expect(titleHeadingId('Scheming AIs', [paragraph, heading('Scheming AIs')])).toBeNull();
    expect(titleHeadingId('Scheming AIs', [heading('Scheming AIs, part 2')])).toBeNull();
    expect(titleHeadingId('Scheming AIs', [])).toBeNull();
    expect(titleHeadingId('!!!', [heading('???')])).toBeNull();
  });

  it('normalises without losing words', () => {
    expect(normalizeTitle('  Why   careful readers — disagree! ')).toBe('why careful readers - disagree');
  });
});
