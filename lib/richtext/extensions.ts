// The one Tiptap extension list behind both the editor and the static renderer, so what can be typed is
// exactly what can be stored (see schema.ts) and exactly what can be shown.
import type { Extensions } from '@tiptap/core';
import { Mention } from '@tiptap/extension-mention';
import { StarterKit } from '@tiptap/starter-kit';
import { LINK_REL, LINK_TARGET, isAllowedLinkHref } from './links';

export const HEADING_LEVELS = [2, 3, 4] as const;

/** What a mention shows: its `label` attribute, filled in with the member's current name just before rendering. */
const mentionText = (label: unknown): string => `@${typeof label === 'string' && label !== '' ? label : 'member'}`;

/** The mention node (a member, stored by id); the editor adds member suggestions to it (rich-text-editor.tsx). */
export const mentionExtension = Mention.configure({
  renderText: ({ node }) => mentionText(node.attrs.label),
  renderHTML: ({ node }) => ['span', { 'data-type': 'mention', 'data-id': String(node.attrs.id), class: 'rounded bg-blue-50 px-0.5 font-medium text-blue-800' }, mentionText(node.attrs.label)],
});

export const richTextExtensions: Extensions = [
  StarterKit.configure({
    heading: { levels: [...HEADING_LEVELS] },
    link: {
      // http, https and mailto are linkify's built-ins; no custom schemes are registered.
      protocols: [],
      defaultProtocol: 'https',
      autolink: true,
      linkOnPaste: true,
      openOnClick: false,
      HTMLAttributes: { rel: LINK_REL, target: LINK_TARGET, class: null },
      // Also guards rendering: the Link mark renders an empty href for anything this refuses.
      isAllowedUri: (url) => isAllowedLinkHref(url),
    },
  }),
  mentionExtension,
];
