// The one Tiptap extension list behind both the editor and the static renderer, so what can be typed is
// exactly what can be stored (see schema.ts) and exactly what can be shown.
import type { Extensions } from '@tiptap/core';
import { StarterKit } from '@tiptap/starter-kit';
import { LINK_REL, LINK_TARGET, isAllowedLinkHref } from './links';

export const HEADING_LEVELS = [2, 3, 4] as const;

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
];
