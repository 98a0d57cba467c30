// The importer on small hand-made texts, one kind of messiness per test.
import { describe, expect, it } from 'vitest';
import { contentHash, detectFormat, normalizeDocument, passageId } from './normalize';
import { normalizedDocumentSchema, type NormalizedDocument } from './schemas';

const texts = (doc: NormalizedDocument) => doc.passages.map((p) => p.text);
const kinds = (doc: NormalizedDocument) => doc.passages.map((p) => [p.kind, p.text] as const);
const count = (doc: NormalizedDocument, text: string) => doc.passages.filter((p) => p.text === text).length;

function expectConsistent(doc: NormalizedDocument): void {
  expect(normalizedDocumentSchema.parse(doc)).toEqual(doc);
  expect(doc.text).toBe(doc.passages.map((p) => p.text).join('\n\n'));
  doc.passages.forEach((p, i) => {
    expect(p.index).toBe(i);
    expect(doc.text.slice(p.start, p.end)).toBe(p.text);
  });
  expect(new Set(doc.passages.map((p) => p.id)).size).toBe(doc.passages.length);
}

// A post of one paragraph per line, long enough to be recognised when a scrape repeats it.
const post = {
  opening: 'Reward is not the optimization target of the policies we train, or so I will argue at some length below.',
  heading: 'Why the counting argument fails',
  intro: 'The argument has three parts that I will take in turn:',
  items: ['Goals are counted as if each were equally likely', 'Simplicity is assumed to favour schemers', 'Training is modelled as a search over goals'],
  body: [
    'Each of these assumptions ignores how gradient descent actually moves through parameter space during training.',
    'Once we look at the parameter-function map, the count of goals stops telling us much about what training produces.',
    'None of this shows that deceptive alignment is impossible, only that this particular argument for it is weak.',
  ],
  extra: 'A later edit: several readers pointed me to related work, which I have now added to the reading list.',
};

describe('repeated renderings', () => {
  it('merges two copies of a document so every paragraph either copy has appears once, in order', () => {
    // The first copy has the list items but not the edit; the second has the edit but drops the list.
    const first = [post.opening, post.heading, post.intro, ...post.items, ...post.body];
    const second = [post.opening, post.heading, post.intro, ...post.body, post.extra];
    const doc = normalizeDocument([...first, ...second].join('\n'));
    expectConsistent(doc);
    expect(texts(doc)).toEqual([post.opening, post.heading, post.intro, ...post.items, ...post.body, post.extra]);
    expect(doc.warnings).toContain('merged 2 renderings of the document');
  });

  it('merges a hard-wrapped copy with an unwrapped one, taking paragraph breaks from the certain copy', () => {
    const paragraphs = [
      'Stories about scheming focused on training-game-independent goals seem to me more traditional. That is, the idea is roughly the following one.',
      'I take this argument fairly seriously. If some sort of suitably-ambitious beyond-episode proxy goal falls out of training, then it does seem like scheming could just be a thing that happens.',
      'Still, it is an open question whether this consideration suffices. And note, importantly, that the relevant competition is with the entire set of nearby goals.',
    ];
    const wrapped = [
      'Stories about scheming focused on training-game-independent goals seem',
      'to me more traditional. That is, the idea is roughly the following one.',
      'I take this argument fairly seriously. If some sort of suitably-ambitious',
      'beyond-episode proxy goal falls out of training, then it does seem like',
      'scheming could just be a thing that happens.',
      'Still, it is an open question whether this consideration suffices. And',
      'note, importantly, that the relevant competition is with the entire set',
      'of nearby goals.',
    ];
    const doc = normalizeDocument([...wrapped, ...paragraphs].join('\n'));
    expect(texts(doc)).toEqual(paragraphs);
  });

  it('keeps a line quoted again inside a comment, as a quote, while merging the copies', () => {
    const quoted = post.body[1] as string;
    const thread = [
      post.opening,
      ...post.body,
      quoted,
      'I disagree with this: the map is exactly what the counting argument is about, so it cannot be set aside.',
      'Fair point, though I think we are talking past each other about what counts as a goal here.',
    ];
    const doc = normalizeDocument([...thread, ...thread].join('\n'));
    expectConsistent(doc);
    expect(doc.warnings).toContain('merged 2 renderings of the document');
    expect(doc.passages.filter((p) => p.text === quoted).map((p) => p.kind)).toEqual(['paragraph', 'quote']);
    expect(count(doc, post.opening)).toBe(1);
  });

  it('does not treat a repeated single line as a second rendering', () => {
    const quoted = post.body[0] as string;
    const doc = normalizeDocument([post.opening, ...post.body, quoted, 'That is exactly the part I would push back on.'].join('\n'));
    expect(doc.warnings).not.toContain('merged 2 renderings of the document');
    expect(count(doc, quoted)).toBe(2);
  });
});

describe('paragraphs from lines', () => {
  it('joins a hard-wrapped paragraph into one passage', () => {
    const input = [
      'Arguments that focus on the path SGD takes',
      'In this section, I will discuss arguments for and against scheming that',
      'focus more directly on the path that SGD takes in selecting the final',
      'output of training.',
      'Importantly, it is possible that these arguments are not relevant. In',
      'particular, if SGD actively favours or disfavours schemers, then enough',
      'training will lead you to whatever model SGD most favours.',
    ].join('\n');
    expect(kinds(normalizeDocument(input))).toEqual([
      ['heading', 'Arguments that focus on the path SGD takes'],
      ['paragraph', 'In this section, I will discuss arguments for and against scheming that focus more directly on the path that SGD takes in selecting the final output of training.'],
      ['paragraph', 'Importantly, it is possible that these arguments are not relevant. In particular, if SGD actively favours or disfavours schemers, then enough training will lead you to whatever model SGD most favours.'],
    ]);
  });

  it('joins a comment written in short lines without cutting a sentence', () => {
    const input = [
      'This is a long opening paragraph of the thread, written on one line as the scrape renders paragraphs, so it is long.',
      'The main result is that up to 4 repetitions are about as good as unique data,',
      'and for up to about 16 repetitions there is still meaningful improvement.',
      'Let’s take 50T tokens as an estimate for available text data',
      '(as an anchor, there’s a filtered and deduplicated',
      'CommonCrawl dataset RedPajama-Data-v2',
      'with 30T tokens).',
      'Thanks for pushing back on the original claim.',
    ].join('\n');
    const doc = normalizeDocument(input);
    const sentences = [
      'The main result is that up to 4 repetitions are about as good as unique data, and for up to about 16 repetitions there is still meaningful improvement.',
      'Let’s take 50T tokens as an estimate for available text data (as an anchor, there’s a filtered and deduplicated CommonCrawl dataset RedPajama-Data-v2 with 30T tokens).',
      'Thanks for pushing back on the original claim.',
    ];
    for (const sentence of sentences) expect(doc.passages.some((p) => p.text.includes(sentence))).toBe(true);
    for (const p of doc.passages) expect(p.text).toMatch(/[.)]$/u);
  });

  it('reads blank-line-separated and one-per-line paragraphs the same way', () => {
    const lines = [post.opening, post.heading, ...post.body];
    expect(texts(normalizeDocument(lines.join('\n\n')))).toEqual(texts(normalizeDocument(lines.join('\n'))));
    expect(texts(normalizeDocument(lines.join('\n')))).toEqual(lines);
  });

  it('makes bare short lines without final punctuation headings, and not lines ending with a colon', () => {
    const doc = normalizeDocument(
      [
        'I am going to argue that we will likely get AIs that are strongly power-seeking.',
        'TLDR',
        'Right now language models are largely in a simulator regime.',
        'Consequentialism is useful',
        'The issue is that consequentialism is attractive. I also worry about people optimizing for things like:',
        'Better optimization (RSI)',
        'Protection from optimizers',
        'Here is my conclusion, stated plainly.',
      ].join('\n'),
    );
    expect(doc.passages.filter((p) => p.kind === 'heading').map((p) => [p.text, p.attrs.level])).toEqual([
      ['TLDR', 2],
      ['Consequentialism is useful', 2],
    ]);
  });
});

describe('lists', () => {
  it('keeps bullet and numbered markers in the text and records them', () => {
    const doc = normalizeDocument(
      ['Some options:', '- first option', '* second option', '• third option', '1. numbered one', '2) numbered two', 'Back to prose now.'].join('\n'),
    );
    expect(doc.passages.map((p) => [p.kind, p.attrs.marker ?? null, p.text])).toEqual([
      ['paragraph', null, 'Some options:'],
      ['list_item', '-', '- first option'],
      ['list_item', '*', '* second option'],
      ['list_item', '•', '• third option'],
      ['list_item', '1.', '1. numbered one'],
      ['list_item', '2)', '2) numbered two'],
      ['paragraph', null, 'Back to prose now.'],
    ]);
  });

  it('reads a wrapped plain-text email: bullets with continuation lines and a quoted block', () => {
    const doc = normalizeDocument(
      [
        'Here is a list of points:',
        '',
        '- the first point is long enough that it wraps onto a second line, which is',
        '  indented by two spaces',
        '- the second point is short',
        '',
        '> Someone once wrote this in a quote',
        '> that spans two lines.',
      ].join('\n'),
    );
    expect(kinds(doc)).toEqual([
      ['paragraph', 'Here is a list of points:'],
      ['list_item', '- the first point is long enough that it wraps onto a second line, which is indented by two spaces'],
      ['list_item', '- the second point is short'],
      ['quote', 'Someone once wrote this in a quote that spans two lines.'],
    ]);
  });

  it('reads bare lines after a colon as list items and the prose after them as paragraphs', () => {
    const doc = normalizeDocument(
      [
        'I will break “geared toward long-horizon tasks” into three dimensions:',
        'The percent of compute spent on pretraining versus RL',
        'The length of the RL tasks',
        'The amount of generalized problem-solving required for the RL tasks',
        'In RL, every action is rewarded according to the extent that it increased the final reward.',
      ].join('\n'),
    );
    expect(doc.passages.map((p) => p.kind)).toEqual(['paragraph', 'list_item', 'list_item', 'list_item', 'paragraph']);
  });

  it('ends a list of full sentences where prose resumes', () => {
    const doc = normalizeDocument(
      [
        'Stories about scheming seem to me more traditional. That is, the idea is:',
        'Because of some reason, the model will develop a beyond-episode goal.',
        'Then, with situational awareness, this goal will start to motivate training-gaming.',
        'Call this the "proxy-goals story."',
        'I take this argument fairly seriously, and I will say why below.',
      ].join('\n'),
    );
    expect(doc.passages.map((p) => p.kind)).toEqual(['paragraph', 'list_item', 'list_item', 'paragraph', 'paragraph']);
  });
});

describe('footnotes', () => {
  it('links notes that end with a back arrow to their markers both ways, keeping the arrow', () => {
    const input = [
      'The first claim needs support.[1] So does the second one.[2]',
      'A closing paragraph without notes.',
      'This requires, for example, that models are not capable of gradient hacking. ↩︎',
      'I see this as related to another story, which runs as follows:',
      'The model becomes situationally aware before its goals are fixed.',
      'So the two stories point at the same thought. ↩︎',
    ].join('\n');
    const doc = normalizeDocument(input);
    expectConsistent(doc);
    const notes = doc.passages.filter((p) => p.kind === 'footnote');
    expect(notes.map((n) => [n.attrs.label, n.text])).toEqual([
      ['1', 'This requires, for example, that models are not capable of gradient hacking. ↩︎'],
      ['2', 'I see this as related to another story, which runs as follows:\nThe model becomes situationally aware before its goals are fixed.\nSo the two stories point at the same thought. ↩︎'],
    ]);
    for (const link of doc.footnotes) {
      expect(doc.passages.find((p) => p.id === link.passageId)?.attrs.label).toBe(link.label);
      expect(link.refs.map((r) => doc.text.slice(r.start, r.end))).toEqual([`[${link.label}]`]);
    }
    expect(doc.passages[0]?.attrs.refs).toEqual(['1', '2']);
    expect(doc.warnings).toEqual([]);
  });

  it('reads "  1. ^" note blocks, drops their numbering and puts them after the comments', () => {
    const input = [
      'We cannot make a system care about our goals terminally.[1]',
      '',
      'We can only change the numbers it is made of.[2]',
      '',
      '  1. ^',
      '',
      '    Neural networks do not, by default, experience rewards.',
      '',
      '  2. ^',
      '',
      '    The claim is about control, not about randomness.',
      '',
      'A comment: does this require the system to know it is being trained?',
    ].join('\n');
    const doc = normalizeDocument(input);
    expect(kinds(doc)).toEqual([
      ['paragraph', 'We cannot make a system care about our goals terminally.[1]'],
      ['paragraph', 'We can only change the numbers it is made of.[2]'],
      ['paragraph', 'A comment: does this require the system to know it is being trained?'],
      ['footnote', 'Neural networks do not, by default, experience rewards.'],
      ['footnote', 'The claim is about control, not about randomness.'],
    ]);
    expect(doc.footnotes.map((f) => [f.label, f.passageId !== null, f.refs.length])).toEqual([
      ['1', true, 1],
      ['2', true, 1],
    ]);
  });

  it('takes bare trailing lines as the notes when each marker occurs once', () => {
    const input = [
      'I will argue that power-seeking agents will likely be developed.[1]',
      'A simulator does not optimize for simulation.[2]',
      'The buffer will not last, because consequentialism is useful.',
      'Thanks to a friend for useful discussion on this topic.',
      'This will be similar to an earlier post, with a different emphasis.',
      'Unless the prompt conditions it to simulate an optimizer.',
    ].join('\n');
    const doc = normalizeDocument(input);
    expect(doc.passages.filter((p) => p.kind === 'footnote').map((p) => [p.attrs.label, p.text])).toEqual([
      ['1', 'This will be similar to an earlier post, with a different emphasis.'],
      ['2', 'Unless the prompt conditions it to simulate an optimizer.'],
    ]);
    expect(doc.footnotes.every((f) => f.passageId !== null && f.refs.length === 1)).toBe(true);
  });

  it('warns about a marker without a note and a note without a marker', () => {
    const doc = normalizeDocument('A claim.[1] Another claim.[3]\n\n[^1]: Support for the claim.\n\n[^2]: An orphan note.', { format: 'markdown' });
    expect(doc.warnings).toEqual(expect.arrayContaining(['footnote 2 has no marker in the text', 'footnote marker [3] has no note']));
    expect(doc.footnotes.find((f) => f.label === '3')).toEqual({ label: '3', passageId: null, refs: [expect.any(Object)] });
  });
});

describe('site chrome and typography', () => {
  it('removes site chrome, including the glossary term list, and says so', () => {
    const input = [
      'The post itself ends here.',
      '',
      'New to LessWrong?',
      '',
      'Glossary',
      '',
      'deceptively aligned',
      'instrumental goals',
      'mech interp',
      'Show Unapproved',
      'New Comment',
      '',
      '5 comments, sorted by Click to highlight new comments since:',
      '',
      'A comment that mentions the New Comment button in passing.',
    ].join('\n');
    const doc = normalizeDocument(input);
    expect(texts(doc)).toEqual(['The post itself ends here.', 'A comment that mentions the New Comment button in passing.']);
    expect(doc.warnings).toContain('dropped 8 lines of site chrome');
  });

  it('keeps typography exactly and normalises only whitespace', () => {
    const line = 'P(observations∣deceptive alignment)>>1? “Curly” — en–dash → Ω, naïve, Übermensch, ‘quoted’. ↩︎';
    const doc = normalizeDocument(`\uFEFF  ${line}  \r\nsecond   line\u00A0here.\r\n`);
    expect(texts(doc)).toEqual([line, 'second line here.']);
    expect(doc.text).not.toContain('\r');
  });
});

describe('identity', () => {
  const input = [post.opening, post.heading, ...post.body, 'Closing thought that ends the piece.'].join('\n');

  it('gives the same output, ids and hash for the same input', () => {
    const first = normalizeDocument(input);
    const second = normalizeDocument(input);
    expect(second).toEqual(first);
    expect(contentHash(second)).toBe(contentHash(first));
  });

  it('keeps the ids of unchanged paragraphs when another paragraph changes', () => {
    const before = normalizeDocument(input);
    const after = normalizeDocument(input.replace('only that this particular argument', 'only that this one argument'));
    const changed = before.passages.findIndex((p) => p.text.includes('this particular argument'));
    before.passages.forEach((p, i) => {
      if (i === changed) expect(after.passages[i]?.id).not.toBe(p.id);
      else expect(after.passages[i]?.id).toBe(p.id);
    });
    expect(contentHash(after)).not.toBe(contentHash(before));
  });

  it('derives ids from kind, text and occurrence, so repeated passages get distinct ids', () => {
    expect(passageId('paragraph', 'Same text.', 0)).toMatch(/^p[0-9a-f]{12}$/u);
    expect(passageId('paragraph', 'Same text.', 1)).not.toBe(passageId('paragraph', 'Same text.', 0));
    expect(passageId('quote', 'Same text.', 0)).not.toBe(passageId('paragraph', 'Same text.', 0));
    const doc = normalizeDocument('Thanks!\n\nA reply in between the two thanks.\n\nThanks!');
    expect(doc.passages.map((p) => p.id)).toEqual([
      passageId('paragraph', 'Thanks!', 0),
      passageId('paragraph', 'A reply in between the two thanks.', 0),
      passageId('paragraph', 'Thanks!', 1),
    ]);
  });
});

describe('title', () => {
  it('prefers the given title, then a heading at the top, then the first sentence, then the file name', () => {
    expect(normalizeDocument('# Heading\n\nText.', { format: 'markdown', title: 'Given' }).title).toBe('Given');
    expect(normalizeDocument('# Heading\n\nText.', { format: 'markdown' }).title).toBe('Heading');
    expect(normalizeDocument('tl;dr: most systems will maximize reward. More text follows here.').title).toBe('Most systems will maximize reward.');
    expect(normalizeDocument('', { filename: 'notes.txt' }).title).toBe('notes');
  });
});

describe('markdown and html', () => {
  it('reads Markdown block structure and drops inline markup', () => {
    const doc = normalizeDocument(
      [
        '# Scheming AIs',
        '',
        'Some *emphasis*, a [link](https://example.org) and `code` &amp; more,',
        'wrapped onto a second line.[^1]',
        '',
        '## Section two',
        '',
        '1. First step',
        '2. Second step',
        '',
        '- a bullet',
        '',
        '> A quoted line',
        '> that continues.',
        '',
        '[^1]: The note.',
      ].join('\n'),
      { filename: 'essay.md' },
    );
    expectConsistent(doc);
    expect(doc.format).toBe('markdown');
    expect(doc.passages.map((p) => [p.kind, p.text, p.attrs.level ?? p.attrs.marker ?? p.attrs.label ?? null])).toEqual([
      ['heading', 'Scheming AIs', 1],
      ['paragraph', 'Some emphasis, a link and code & more, wrapped onto a second line.[1]', null],
      ['heading', 'Section two', 2],
      ['list_item', 'First step', '1.'],
      ['list_item', 'Second step', '2.'],
      ['list_item', 'a bullet', '-'],
      ['quote', 'A quoted line that continues.', null],
      ['footnote', 'The note.', '1'],
    ]);
    expect(doc.footnotes[0]?.refs.map((r) => doc.text.slice(r.start, r.end))).toEqual(['[1]']);
  });

  it('walks HTML block elements, skipping scripts, styles and page furniture', () => {
    const html = [
      '<!doctype html><html><head><title>Ignored</title><style>p { color: red }</style></head><body>',
      '<nav>Home | About</nav><header>Site name</header>',
      '<article><h2>The argument</h2>',
      '<p>First <em>paragraph</em> with a note<sup class="footnote-ref"><a href="#fn1">1</a></sup>.</p>',
      '<blockquote><p>Quoted words.</p></blockquote>',
      '<ol start="3"><li>Third step</li><li>Fourth step</li></ol>',
      '<section class="footnotes"><ol><li id="fn1"><p>The note itself. <a href="#fnref1">↩︎</a></p></li></ol></section>',
      '</article><footer>© 2024</footer><script>document.title = "x";</script></body></html>',
    ].join('\n');
    const doc = normalizeDocument(html);
    expectConsistent(doc);
    expect(doc.format).toBe('html');
    expect(doc.passages.map((p) => [p.kind, p.text, p.attrs.level ?? p.attrs.marker ?? p.attrs.label ?? null])).toEqual([
      ['heading', 'The argument', 2],
      ['paragraph', 'First paragraph with a note[1].', null],
      ['quote', 'Quoted words.', null],
      ['list_item', 'Third step', '3.'],
      ['list_item', 'Fourth step', '4.'],
      ['footnote', 'The note itself. ↩︎', '1'],
    ]);
    expect(doc.footnotes).toEqual([{ label: '1', passageId: doc.passages[5]?.id, refs: [expect.objectContaining({ passageId: doc.passages[1]?.id })] }]);
  });

  it('detects the format from the file name first, then from the content', () => {
    expect(detectFormat('plain words', 'a.md')).toBe('markdown');
    expect(detectFormat('plain words', 'a.markdown')).toBe('markdown');
    expect(detectFormat('plain words', 'a.HTM')).toBe('html');
    expect(detectFormat('# Heading\n\nText', 'a.txt')).toBe('text');
    expect(detectFormat('<html><body><p>Hi</p></body></html>')).toBe('html');
    expect(detectFormat('# Heading\n\nSome [link](https://x.org) text.')).toBe('markdown');
    expect(detectFormat('- In training, an AI gets tasks.\n- It is rewarded for plans.\nA reply.')).toBe('text');
  });
});
