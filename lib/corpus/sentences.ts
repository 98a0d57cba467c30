// Small judgements about how a line or paragraph begins and ends, shared by reflowing and classification.
import { trimEndChars } from '../text-edges';

const trailingMarker = /\[\d{1,3}\]$/u;
const backArrow = /\u21A9\uFE0E?$/u;

/** The text without "[12]" footnote markers (and the whitespace before them) at its end: /(?:\s*\[\d{1,3}\])+$/u, in linear time. */
function withoutTrailingMarkers(text: string): string {
  let rest = text;
  for (let marker = trailingMarker.exec(rest.slice(-5)); marker; marker = trailingMarker.exec(rest.slice(-5))) {
    rest = rest.slice(0, rest.length - marker[0].length).trimEnd();
  }
  return rest;
}

/** The text without footnote markers and closing quotes/brackets at its end. */
export function stripEnding(text: string): string {
  return trimEndChars(withoutTrailingMarkers(text.trimEnd()), '”’"\')]»');
}

/** Ends a sentence: ".", "!", "?", "…" (before any closing quotes or markers), or a footnote's back arrow. */
export function endsTerminal(text: string): boolean {
  const trimmed = text.trimEnd();
  if (backArrow.test(trimmed)) return true;
  return /[.!?…]$/u.test(stripEnding(trimmed));
}

export function endsWithColon(text: string): boolean {
  return withoutTrailingMarkers(text.trimEnd()).endsWith(':');
}

const functionWords = new Set(
  (
    'a an the of to in on at for with by from into onto over under about as than that which who whom whose and or ' +
    'but nor if when while because although though whether is are was were be been being has have had do does ' +
    'did will would can could should may might must not very more most less some any each every these those its ' +
    'their his her our your my such via per between among through without within like unlike including e.g. i.e.'
  ).split(' '),
);

/** Visibly stops mid-phrase: a comma, a dash, an open bracket or a function word at the end. */
export function endsContinuation(text: string): boolean {
  const trimmed = text.trimEnd();
  if (/[,–—([/&+=-]$/u.test(trimmed)) return true;
  const last = trimmed.slice(trimmed.lastIndexOf(' ') + 1);
  return functionWords.has(last);
}

/** Starts in lower case (also after an opening bracket or quote): continues the previous line's sentence. */
export function startsLower(text: string): boolean {
  return /^[(["“‘']?\p{Ll}/u.test(text);
}

export function startsUpper(text: string): boolean {
  return /^[(["“‘']?[\p{Lu}\d]/u.test(text);
}

export function firstWord(text: string): string {
  const space = text.search(/\s/u);
  return space === -1 ? text : text.slice(0, space);
}
