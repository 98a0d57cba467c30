// W3C selector anchoring: describing a range of a version's canonical text (TextQuote + TextPosition selectors),
// finding those selectors again in a text, and re-anchoring annotations onto a newer version. Pure functions.
export { CONTEXT_LENGTH, describeRange, matchesAt, type PositionSelector, type QuoteSelector, type Selectors } from './selectors';
export { anchor, type AnchorOptions, type AnchorResult } from './anchor';
export { DEFAULT_THRESHOLD } from './match-quote';
export { overlappingPassages } from './passages';
export { reanchorAll, reanchorer } from './reanchor';
