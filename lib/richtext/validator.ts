// Rich text as it arrives (API clients, forms, imports, stored rows read back): zod schemas that admit only the
// nodes, marks and attributes our editor can produce, within limits, and return a normalised copy. Safe on server
// and client.
import { z } from 'zod';
import { LINK_REL, LINK_TARGET, MAX_LINK_CHARS, isAllowedLinkHref } from './links';
import { plainText, richTextFromPlainText } from './plain-text';
import { MAX_DEPTH, MAX_NODES, MAX_TEXT_CHARS } from './limits';
import type { FormattingMarkType, LinkAttrs, OrderedListStyle, RichTextBlock, RichTextDoc } from './types';

const MAX_ISSUES = 20;
const MAX_TITLE_CHARS = 500;

// What may appear where, mirroring the ProseMirror schema built from lib/richtext/extensions.ts.

type Path = (string | number)[];
type Issue = { path: Path; message: string };
type Json = Record<string, unknown>;
type AttrCheck = (value: unknown) => string | null;

type ChildRule = 'block' | 'inline' | 'plainText' | 'listItem' | 'listItemContent' | 'none';

type NodeSpec = {
  children: ChildRule;
  /** the content expression needs at least one child (block+, listItem+) */
  needsChildren?: boolean;
  attrs?: Record<string, AttrCheck>;
  requiredAttrs?: string[];
};

const blockTypes = ['paragraph', 'heading', 'codeBlock', 'blockquote', 'bulletList', 'orderedList', 'horizontalRule'];
const inlineTypes = ['text', 'hardBreak', 'mention'];
const formattingMarks: readonly string[] = ['bold', 'italic', 'strike', 'underline', 'code'] satisfies FormattingMarkType[];
const markTypes = [...formattingMarks, 'link'];
const orderedListStyles: readonly string[] = ['1', 'a', 'A', 'i', 'I'] satisfies OrderedListStyle[];

const nodeSpecs: Record<string, NodeSpec> = {
  doc: { children: 'block' },
  paragraph: { children: 'inline' },
  heading: {
    children: 'inline',
    attrs: { level: (v) => (v === 2 || v === 3 || v === 4 ? null : 'Heading level must be 2, 3 or 4.') },
    requiredAttrs: ['level'],
  },
  codeBlock: {
    children: 'plainText',
    attrs: {
      language: (v) =>
        v === null || (typeof v === 'string' && /^[a-z0-9-]{1,32}$/.test(v))
          ? null
          : 'Code block language must be null or up to 32 lowercase letters, digits and hyphens.',
    },
  },
  blockquote: { children: 'block', needsChildren: true },
  bulletList: { children: 'listItem', needsChildren: true },
  orderedList: {
    children: 'listItem',
    needsChildren: true,
    attrs: {
      start: (v) =>
        Number.isSafeInteger(v) && Math.abs(v as number) <= 1_000_000
          ? null
          : 'List start must be a whole number between -1000000 and 1000000.',
      type: (v) => (v === null || (typeof v === 'string' && orderedListStyles.includes(v)) ? null : 'List type must be null, "1", "a", "A", "i" or "I".'),
    },
  },
  listItem: { children: 'listItemContent', needsChildren: true },
  horizontalRule: { children: 'none' },
  hardBreak: { children: 'none' },
  text: { children: 'none' },
  // A member mentioned by id; the editor also sends the name it showed (label) and the trigger character, which
  // are dropped (names are read when the text is shown: a renamed member shows their current name).
  mention: {
    children: 'none',
    attrs: {
      id: (v) => (typeof v === 'string' && /^[\w-]{1,100}$/.test(v) ? null : 'A mention needs the member\'s id.'),
      label: (v) => (v === null || (typeof v === 'string' && v.length <= 200) ? null : 'A mention label must be a string of at most 200 characters, or null.'),
      mentionSuggestionChar: (v) => (v === null || v === '@' ? null : 'A mention is typed with "@".'),
    },
    requiredAttrs: ['id'],
  },
};

/** Attributes checked on the way in but not stored. */
const droppedAttrs: Record<string, readonly string[]> = { mention: ['label', 'mentionSuggestionChar'] };

const linkAttrChecks: Record<string, AttrCheck> = {
  href: (v) =>
    typeof v === 'string' && v.length > MAX_LINK_CHARS
      ? `Links must be at most ${MAX_LINK_CHARS} characters.`
      : isAllowedLinkHref(v)
        ? null
        : 'Links must be http, https or mailto URLs.',
  target: (v) => (v === null || v === LINK_TARGET ? null : `Link target may only be "${LINK_TARGET}" or null.`),
  // rel and class are accepted as the editor sends them, then replaced: rel is always ours, class never kept.
  rel: (v) => (v === null || typeof v === 'string' ? null : 'Link rel must be a string or null.'),
  class: (v) => (v === null || typeof v === 'string' ? null : 'Link class must be a string or null.'),
  title: (v) =>
    v === null || (typeof v === 'string' && v.length <= MAX_TITLE_CHARS)
      ? null
      : `Link title must be a string of at most ${MAX_TITLE_CHARS} characters, or null.`,
};

const allowedNodeList = [...blockTypes, 'listItem', ...inlineTypes].join(', ');

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const quote = (value: unknown) => (typeof value === 'string' ? `"${value.slice(0, 40)}"` : String(value));
const an = (type: string) => (/^[aeiou]/i.test(type) ? `an ${type}` : `a ${type}`);
const An = (type: string) => (/^[aeiou]/i.test(type) ? `An ${type}` : `A ${type}`);
const formatCount = (n: number) => n.toLocaleString('en-US');

/** Walks a candidate document once, collecting issues with their paths and building the normalised copy. */
class DocumentValidator {
  readonly issues: Issue[] = [];
  private nodes = 0;
  private textChars = 0;
  private reportedDepth = false;
  private reportedNodes = false;

  private add(path: Path, message: string): void {
    if (this.issues.length < MAX_ISSUES) this.issues.push({ path, message });
  }

  private get gaveUp(): boolean {
    return this.reportedNodes || this.issues.length >= MAX_ISSUES;
  }

  validate(input: unknown): RichTextDoc | null {
    if (!isObject(input)) {
      this.add([], 'Rich text must be a Tiptap document: { "type": "doc", "content": [...] }.');
      return null;
    }
    if (input.type !== 'doc') {
      this.add(['type'], 'The top-level node must have type "doc".');
      return null;
    }
    const doc = this.node(input, [], 0, 'doc');
    if (this.textChars > MAX_TEXT_CHARS) {
      this.add([], `Rich text may contain at most ${formatCount(MAX_TEXT_CHARS)} characters of text.`);
    }
    if (this.issues.length > 0 || doc === null) return null;
    // An empty document is allowed (callers decide), but stored in the shape the editor itself produces.
    const content = (doc.content as RichTextBlock[] | undefined) ?? [];
    return { ...doc, type: 'doc', content: content.length > 0 ? content : [{ type: 'paragraph' }] };
  }

  /** `type` has been checked to be a known node type allowed in this position. */
  private node(input: Json, path: Path, depth: number, type: string): Json | null {
    this.nodes += 1;
    if (this.nodes > MAX_NODES) {
      if (!this.reportedNodes) this.add([], `Rich text may contain at most ${formatCount(MAX_NODES)} nodes.`);
      this.reportedNodes = true;
      return null;
    }
    const spec = nodeSpecs[type]!;
    const output: Json = { type };
    let ok = true;

    for (const key of Object.keys(input)) {
      if (key === 'type') continue;
      const allowed =
        key === 'attrs' ||
        (key === 'content' && spec.children !== 'none') ||
        (key === 'marks' && inlineTypes.includes(type)) ||
        (key === 'text' && type === 'text');
      if (!allowed) {
        this.add([...path, key], `Unknown property "${key}" on ${an(type)} node.`);
        ok = false;
      }
    }

    if ('attrs' in input) {
      const attrs = this.attrs(input.attrs, [...path, 'attrs'], type, spec);
      if (attrs === null) ok = false;
      else output.attrs = attrs;
    } else if (spec.requiredAttrs?.length) {
      this.add([...path, 'attrs'], `${An(type)} node needs attrs: ${spec.requiredAttrs.join(', ')}.`);
      ok = false;
    }

    if (type === 'text') {
      if (typeof input.text !== 'string' || input.text.length === 0) {
        this.add([...path, 'text'], 'Text nodes must have a non-empty text string.');
        ok = false;
      } else {
        this.textChars += input.text.length;
        output.text = input.text;
      }
    }

    if ('marks' in input) {
      const marks = this.marks(input.marks, [...path, 'marks']);
      if (marks === null) ok = false;
      else output.marks = marks;
    }

    if ('content' in input && spec.children !== 'none') {
      const content = this.content(input.content, [...path, 'content'], depth, type, spec);
      if (content === null) ok = false;
      else output.content = content;
    } else if (spec.needsChildren) {
      this.add([...path, 'content'], `${An(type)} node must have content.`);
      ok = false;
    }

    return ok ? output : null;
  }

  private attrs(input: unknown, path: Path, type: string, spec: NodeSpec): Json | null {
    if (!isObject(input)) {
      this.add(path, 'attrs must be an object.');
      return null;
    }
    const checks = spec.attrs ?? {};
    const output: Json = {};
    let ok = true;
    for (const [key, value] of Object.entries(input)) {
      const check = Object.hasOwn(checks, key) ? checks[key] : undefined;
      if (!check) {
        this.add([...path, key], `Unknown attribute "${key}" on ${an(type)} node.`);
        ok = false;
        continue;
      }
      const message = check(value);
      if (message) {
        this.add([...path, key], message);
        ok = false;
      } else if (!droppedAttrs[type]?.includes(key)) {
        output[key] = value;
      }
    }
    for (const key of spec.requiredAttrs ?? []) {
      if (!(key in input)) {
        this.add([...path, key], `${An(type)} node needs the attribute "${key}".`);
        ok = false;
      }
    }
    return ok ? output : null;
  }

  private content(input: unknown, path: Path, depth: number, parentType: string, spec: NodeSpec): Json[] | null {
    if (!Array.isArray(input)) {
      this.add(path, 'content must be an array of nodes.');
      return null;
    }
    if (input.length === 0) {
      if (spec.needsChildren) {
        this.add(path, `${An(parentType)} node must have content.`);
        return null;
      }
      return [];
    }
    if (depth + 1 > MAX_DEPTH) {
      if (!this.reportedDepth) this.add(path, `Rich text may nest at most ${MAX_DEPTH} levels deep.`);
      this.reportedDepth = true;
      return null;
    }
    const output: Json[] = [];
    let ok = true;
    for (const [index, child] of input.entries()) {
      if (this.gaveUp) return null;
      const childPath = [...path, index];
      if (!isObject(child)) {
        this.add(childPath, 'Each node must be an object with a "type".');
        ok = false;
        continue;
      }
      const type = child.type;
      if (typeof type !== 'string' || !Object.hasOwn(nodeSpecs, type) || type === 'doc') {
        this.add([...childPath, 'type'], `Unknown node type ${quote(type)}. Allowed: ${allowedNodeList}.`);
        ok = false;
        continue;
      }
      const placement = this.placement(spec.children, type, index, parentType, child);
      if (placement) {
        this.add([...childPath, 'type'], placement);
        ok = false;
        continue;
      }
      const node = this.node(child, childPath, depth + 1, type);
      if (node === null) ok = false;
      else output.push(node);
    }
    return ok ? output : null;
  }

  /** Why `type` may not be the index-th child under this rule, or null when it may. */
  private placement(rule: ChildRule, type: string, index: number, parentType: string, child: Json): string | null {
    const notInside = `${An(type)} node cannot appear inside ${an(parentType)} node.`;
    switch (rule) {
      case 'block':
        return blockTypes.includes(type) ? null : notInside;
      case 'inline':
        return inlineTypes.includes(type) ? null : notInside;
      case 'plainText':
        if (type !== 'text') return notInside;
        return 'marks' in child && Array.isArray(child.marks) && child.marks.length > 0
          ? 'Text in a code block cannot have marks.'
          : null;
      case 'listItem':
        return type === 'listItem' ? null : `Lists may only contain listItem nodes, not ${quote(type)}.`;
      case 'listItemContent':
        if (index === 0 && type !== 'paragraph') return 'A list item must start with a paragraph.';
        return blockTypes.includes(type) ? null : notInside;
      case 'none':
        return notInside;
    }
  }

  private marks(input: unknown, path: Path): Json[] | null {
    if (!Array.isArray(input)) {
      this.add(path, 'marks must be an array.');
      return null;
    }
    const output: Json[] = [];
    const seen = new Set<string>();
    let ok = true;
    for (const [index, mark] of input.entries()) {
      const markPath = [...path, index];
      if (!isObject(mark)) {
        this.add(markPath, 'Each mark must be an object with a "type".');
        ok = false;
        continue;
      }
      const type = mark.type;
      if (typeof type !== 'string' || !markTypes.includes(type)) {
        this.add([...markPath, 'type'], `Unknown mark type ${quote(type)}. Allowed: ${markTypes.join(', ')}.`);
        ok = false;
        continue;
      }
      if (seen.has(type)) {
        this.add([...markPath, 'type'], `The ${type} mark appears more than once on the same text.`);
        ok = false;
        continue;
      }
      seen.add(type);
      const normalised = this.mark(mark, markPath, type);
      if (normalised === null) ok = false;
      else output.push(normalised);
    }
    // Mirrors the Code mark's `excludes: '_'`: the editor never combines inline code with other marks.
    if (ok && seen.has('code') && seen.size > 1) {
      this.add(path, 'Inline code cannot be combined with other marks.');
      ok = false;
    }
    return ok ? output : null;
  }

  private mark(input: Json, path: Path, type: string): Json | null {
    let ok = true;
    for (const key of Object.keys(input)) {
      if (key !== 'type' && key !== 'attrs') {
        this.add([...path, key], `Unknown property "${key}" on ${an(type)} mark.`);
        ok = false;
      }
    }
    const attrsPath = [...path, 'attrs'];
    if (type !== 'link') {
      if (!('attrs' in input)) return ok ? { type } : null;
      if (!isObject(input.attrs)) {
        this.add(attrsPath, 'attrs must be an object.');
        return null;
      }
      for (const key of Object.keys(input.attrs)) {
        this.add([...attrsPath, key], `Unknown attribute "${key}" on ${an(type)} mark.`);
        ok = false;
      }
      return ok ? { type, attrs: {} } : null;
    }

    if (!isObject(input.attrs)) {
      this.add([...attrsPath, 'href'], 'Links must be http, https or mailto URLs.');
      return null;
    }
    const attrs = input.attrs;
    if (!('href' in attrs)) {
      this.add([...attrsPath, 'href'], 'Links must be http, https or mailto URLs.');
      ok = false;
    }
    for (const [key, value] of Object.entries(attrs)) {
      const check = Object.hasOwn(linkAttrChecks, key) ? linkAttrChecks[key] : undefined;
      const message = check ? check(value) : `Unknown attribute "${key}" on a link mark.`;
      if (message) {
        this.add([...attrsPath, key], message);
        ok = false;
      }
    }
    if (!ok) return null;
    const title = typeof attrs.title === 'string' ? attrs.title : null;
    const normalised: LinkAttrs = { href: attrs.href as string, target: LINK_TARGET, rel: LINK_REL, class: null, title };
    return { type, attrs: normalised };
  }
}

function issuesFor(input: unknown): { doc: RichTextDoc | null; issues: Issue[] } {
  const validator = new DocumentValidator();
  const doc = validator.validate(input);
  return { doc, issues: validator.issues };
}

/**
 * Validates Tiptap JSON against the allowed nodes, marks and attributes, with limits (20 000 characters of
 * text, 20 levels, 5 000 nodes). The output is a fresh copy; links always get our rel and target.
 */
export const richTextDocSchema = z.unknown().transform((input, ctx): RichTextDoc => {
  const { doc, issues } = issuesFor(input);
  if (doc === null) {
    for (const issue of issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message, input });
    return z.NEVER;
  }
  return doc;
});

/**
 * A rich-text body from an API client or form: either Tiptap JSON (validated as richTextDocSchema) or a
 * plain string (1 to 20 000 characters after trimming). Always yields the document and its plain text.
 */
export const richTextInputSchema = z.unknown().transform((input, ctx): { doc: RichTextDoc; text: string } => {
  if (typeof input === 'string') {
    const trimmed = input.trim();
    if (trimmed === '') {
      ctx.addIssue({ code: 'custom', message: 'Text must not be empty.', input });
      return z.NEVER;
    }
    if (trimmed.length > MAX_TEXT_CHARS) {
      ctx.addIssue({ code: 'custom', message: `Rich text may contain at most ${formatCount(MAX_TEXT_CHARS)} characters of text.`, input });
      return z.NEVER;
    }
    const doc = richTextFromPlainText(trimmed);
    return { doc, text: plainText(doc) };
  }
  if (input === undefined || input === null) {
    ctx.addIssue({ code: 'custom', message: 'Rich text is required: a Tiptap document or a string.', input });
    return z.NEVER;
  }
  const { doc, issues } = issuesFor(input);
  if (doc === null) {
    for (const issue of issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message, input });
    return z.NEVER;
  }
  return { doc, text: plainText(doc) };
});

export type RichTextInput = z.output<typeof richTextInputSchema>;
