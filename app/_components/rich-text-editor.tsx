'use client';
// The rich-text field for rationales and replies: a Tiptap editor over the shared extension list, a small
// toolbar (roving focus, aria-pressed), Mod-Enter to submit and Escape to cancel. It reports Tiptap JSON and
// its plain text; the server validates the JSON again with richTextInputSchema.
import { Extension } from '@tiptap/core';
import { Placeholder } from '@tiptap/extensions';
import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { mentionExtension, richTextExtensions } from '@/lib/richtext/extensions';
import { normalizeLinkInput } from '@/lib/richtext/links';
import { plainText } from '@/lib/richtext/plain-text';
import type { RichTextDoc } from '@/lib/richtext/types';
import { useMentionMembers, type MentionMember } from './mention-members';
import { richTextProseStyles } from './rich-text-view';

export type RichTextEditorProps = {
  value: RichTextDoc | null;
  onChange: (doc: RichTextDoc, text: string) => void;
  label: string;
  placeholder?: string;
  autoFocus?: boolean;
  onSubmit?: () => void;
  onCancel?: () => void;
  /** id of the editable element */
  id?: string;
  disabled?: boolean;
  /** ids of a hint or error message for the editable element */
  describedBy?: string;
};

type Handlers = Pick<RichTextEditorProps, 'onChange' | 'onSubmit' | 'onCancel'>;

const focusRing = 'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600';

// Runs before StarterKit's own Mod-Enter (a hard break) because of its priority; returns false when the
// form has no submit or cancel, so the keys keep their usual meaning.
function formKeys(handlers: RefObject<Handlers>) {
  return Extension.create({
    name: 'richTextFormKeys',
    priority: 10_000,
    addKeyboardShortcuts() {
      return {
        'Mod-Enter': () => {
          const onSubmit = handlers.current.onSubmit;
          if (!onSubmit) return false;
          onSubmit();
          return true;
        },
        Escape: () => {
          const onCancel = handlers.current.onCancel;
          if (!onCancel) return false;
          onCancel();
          return true;
        },
      };
    },
  });
}

/** The most members suggested at once after "@". */
const MENTION_SUGGESTIONS = 8;

type MentionMenu = { items: MentionMember[]; index: number; choose: (member: MentionMember) => void };

/**
 * The mention node with member suggestions after "@" (names matching what follows it); arrows move, Enter or Tab
 * chooses, Escape closes. The menu itself is React state, drawn by the editor below its text.
 */
function mentionWithSuggestions(members: RefObject<readonly MentionMember[] | null>, menu: RefObject<MentionMenu | null>, setMenu: (menu: MentionMenu | null) => void) {
  return mentionExtension.configure({
    suggestion: {
      char: '@',
      items: ({ query }) => {
        const q = query.trim().toLowerCase();
        return (members.current ?? []).filter((m) => m.name.toLowerCase().includes(q)).slice(0, MENTION_SUGGESTIONS);
      },
      render: () => {
        const open = (props: { items: MentionMember[]; command: (attrs: { id: string; label: string }) => void }) =>
          setMenu({ items: props.items, index: 0, choose: (m) => props.command({ id: m.id, label: m.name }) });
        return {
          onStart: open,
          onUpdate: open,
          onExit: () => setMenu(null),
          onKeyDown: ({ event }) => {
            const current = menu.current;
            if (!current || current.items.length === 0) return false;
            const last = current.items.length - 1;
            if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
              const index = event.key === 'ArrowDown' ? (current.index === last ? 0 : current.index + 1) : current.index === 0 ? last : current.index - 1;
              setMenu({ ...current, index });
              return true;
            }
            if (event.key === 'Enter' || event.key === 'Tab') {
              const chosen = current.items[current.index];
              if (chosen) current.choose(chosen);
              return true;
            }
            if (event.key === 'Escape') {
              setMenu(null);
              return true;
            }
            return false;
          },
        };
      },
    },
  });
}

const placeholderStyles = [
  '[&_.is-editor-empty:first-child]:before:pointer-events-none',
  '[&_.is-editor-empty:first-child]:before:float-left',
  '[&_.is-editor-empty:first-child]:before:h-0',
  '[&_.is-editor-empty:first-child]:before:text-stone-400',
  '[&_.is-editor-empty:first-child]:before:content-[attr(data-placeholder)]',
].join(' ');

export function RichTextEditor({
  value,
  onChange,
  label,
  placeholder,
  autoFocus = false,
  onSubmit,
  onCancel,
  id,
  disabled = false,
  describedBy,
}: RichTextEditorProps) {
  const handlers = useRef<Handlers>({ onChange, onSubmit, onCancel });
  useEffect(() => {
    handlers.current = { onChange, onSubmit, onCancel };
  });

  // The document this editor last reported (or started with): when `value` is that object, the change came
  // from here and the editor is already showing it.
  const lastReported = useRef<RichTextDoc | null>(value);
  const [initialContent] = useState(value);
  const members = useMentionMembers();
  const membersRef = useRef(members);
  const [menu, setMenuState] = useState<MentionMenu | null>(null);
  const menuRef = useRef<MentionMenu | null>(null);
  const menuId = useId();
  useEffect(() => {
    membersRef.current = members;
  });
  const [extensions] = useState(() => [
    // with a member list (the reading page), "@" suggests members; elsewhere a mention is still shown
    ...(members ? richTextExtensions.filter((e) => e.name !== 'mention') : richTextExtensions),
    ...(members
      ? [
          mentionWithSuggestions(membersRef, menuRef, (next) => {
            menuRef.current = next;
            setMenuState(next);
          }),
        ]
      : []),
    Placeholder.configure({ placeholder: placeholder ?? '' }),
    formKeys(handlers),
  ]);

  const editorProps = useMemo(() => {
    const attributes: Record<string, string> = {
      role: 'textbox',
      'aria-label': label,
      'aria-multiline': 'true',
      class: `${richTextProseStyles} min-h-24 px-3 py-2 focus:outline-none`,
    };
    if (id) attributes.id = id;
    if (describedBy) attributes['aria-describedby'] = describedBy;
    if (disabled) attributes['aria-disabled'] = 'true';
    return { attributes };
  }, [label, id, describedBy, disabled]);

  const editor = useEditor({
    immediatelyRender: false,
    extensions,
    content: initialContent,
    autofocus: autoFocus ? 'end' : false,
    editable: !disabled,
    editorProps,
    onUpdate: ({ editor: current }) => {
      const doc = current.getJSON() as RichTextDoc;
      lastReported.current = doc;
      handlers.current.onChange(doc, plainText(doc));
    },
  });

  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    if (editor.isEditable === disabled) editor.setEditable(!disabled, false);
  }, [editor, disabled]);

  // Content set from outside: cleared after a submit (null), or replaced by the caller.
  useEffect(() => {
    if (!editor || editor.isDestroyed || value === lastReported.current) return;
    lastReported.current = value;
    if (value === null) {
      if (!editor.isEmpty) editor.commands.clearContent(false);
    } else if (JSON.stringify(value) !== JSON.stringify(editor.getJSON())) {
      editor.commands.setContent(value, { emitUpdate: false });
    }
  }, [editor, value]);

  return (
    <div
      data-testid="rich-text-editor"
      data-disabled={disabled || undefined}
      className={`rounded-md border border-stone-300 bg-white shadow-xs has-[.ProseMirror:focus]:outline-2 has-[.ProseMirror:focus]:outline-offset-2 has-[.ProseMirror:focus]:outline-blue-600 data-disabled:bg-stone-50 data-disabled:opacity-70 ${placeholderStyles}`}
    >
      <Toolbar editor={editor} label={label} disabled={disabled} />
      <EditorContent editor={editor} />
      {menu && menu.items.length > 0 ? (
        <ul id={menuId} role="listbox" aria-label="Mention a member" className="m-1 max-h-48 overflow-y-auto rounded border border-stone-300 bg-white py-1 text-sm shadow-md">
          {menu.items.map((m, i) => (
            <li
              key={m.id}
              role="option"
              aria-selected={i === menu.index}
              className="cursor-pointer px-3 py-1 aria-selected:bg-blue-100 aria-selected:text-blue-900"
              // mousedown, not click: the editor keeps its focus and selection
              onMouseDown={(event) => {
                event.preventDefault();
                menu.choose(m);
              }}
            >
              {m.name}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

type ToolbarAction = {
  name: string;
  label: string;
  glyph: ReactNode;
  shortcut?: string;
  isActive: boolean;
  run: () => void;
};

function Toolbar({ editor, label, disabled }: { editor: Editor | null; label: string; disabled: boolean }) {
  const state = useEditorState({
    editor,
    selector: ({ editor: current }) =>
      current
        ? {
            bold: current.isActive('bold'),
            italic: current.isActive('italic'),
            link: current.isActive('link'),
            bulletList: current.isActive('bulletList'),
            orderedList: current.isActive('orderedList'),
            blockquote: current.isActive('blockquote'),
          }
        : null,
  });
  const [focusIndex, setFocusIndex] = useState(0);
  const [linkOpen, setLinkOpen] = useState(false);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const linkFieldId = useId();

  const chain = () => editor?.chain().focus();
  const actions: ToolbarAction[] = [
    { name: 'bold', label: 'Bold', glyph: <span className="font-bold">B</span>, shortcut: 'Control+B', isActive: !!state?.bold, run: () => chain()?.toggleBold().run() },
    { name: 'italic', label: 'Italic', glyph: <span className="font-serif italic">I</span>, shortcut: 'Control+I', isActive: !!state?.italic, run: () => chain()?.toggleItalic().run() },
    { name: 'link', label: 'Link', glyph: <span className="underline">Link</span>, isActive: !!state?.link, run: () => setLinkOpen((open) => !open) },
    { name: 'bulletList', label: 'Bulleted list', glyph: <span aria-hidden="true">•&thinsp;≡</span>, isActive: !!state?.bulletList, run: () => chain()?.toggleBulletList().run() },
    { name: 'orderedList', label: 'Numbered list', glyph: <span aria-hidden="true">1.&thinsp;≡</span>, isActive: !!state?.orderedList, run: () => chain()?.toggleOrderedList().run() },
    { name: 'blockquote', label: 'Quote', glyph: <span aria-hidden="true">“&thinsp;”</span>, isActive: !!state?.blockquote, run: () => chain()?.toggleBlockquote().run() },
  ];

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const last = actions.length - 1;
    const next =
      event.key === 'ArrowRight' ? (focusIndex === last ? 0 : focusIndex + 1)
      : event.key === 'ArrowLeft' ? (focusIndex === 0 ? last : focusIndex - 1)
      : event.key === 'Home' ? 0
      : event.key === 'End' ? last
      : null;
    if (next === null) return;
    event.preventDefault();
    setFocusIndex(next);
    buttons.current[next]?.focus();
  }

  return (
    <div className="border-b border-stone-200">
      <div role="toolbar" aria-label={`${label}: formatting`} className="flex flex-wrap gap-1 px-1.5 py-1" onKeyDown={onKeyDown}>
        {actions.map((action, index) => (
          <button
            key={action.name}
            ref={(element) => {
              buttons.current[index] = element;
            }}
            type="button"
            tabIndex={index === focusIndex ? 0 : -1}
            title={action.label}
            aria-pressed={action.isActive}
            aria-keyshortcuts={action.shortcut}
            aria-expanded={action.name === 'link' ? linkOpen : undefined}
            aria-controls={action.name === 'link' && linkOpen ? linkFieldId : undefined}
            disabled={disabled || !editor}
            // Keeps the editor's selection: a mouse press would otherwise move focus before the click runs.
            onMouseDown={(event) => event.preventDefault()}
            onFocus={() => setFocusIndex(index)}
            onClick={action.run}
            className={`inline-flex h-8 min-w-8 items-center justify-center rounded px-2 text-sm text-stone-700 max-lg:h-11 max-lg:min-w-11 hover:bg-stone-100 aria-pressed:bg-stone-200 aria-pressed:text-stone-950 disabled:cursor-not-allowed disabled:opacity-50 ${focusRing}`}
          >
            {/* the name is the words (read out); the glyph is what the eye sees */}
            <span aria-hidden="true">{action.glyph}</span>
            <span className="sr-only">{action.label}</span>
          </button>
        ))}
      </div>
      {linkOpen && editor ? (
        <LinkForm
          id={linkFieldId}
          editor={editor}
          onClose={() => {
            setLinkOpen(false);
            editor.commands.focus();
          }}
        />
      ) : null}
    </div>
  );
}

// A row under the toolbar rather than a nested <form>: the editor usually sits inside the caller's form, and
// Enter here must apply the link, not submit that form.
function LinkForm({ id, editor, onClose }: { id: string; editor: Editor; onClose: () => void }) {
  const hasLink = editor.isActive('link');
  const [draft, setDraft] = useState(() => (hasLink ? String(editor.getAttributes('link').href ?? '') : ''));
  const [error, setError] = useState<string | null>(null);
  const errorId = `${id}-error`;

  function apply() {
    if (draft.trim() === '' && hasLink) return remove();
    const href = normalizeLinkInput(draft);
    if (!href) {
      setError('Enter an http, https or mailto address.');
      return;
    }
    const chain = editor.chain().focus();
    if (editor.state.selection.empty && !hasLink) {
      // Links are inclusive (autolink), so drop the stored mark: what is typed next is not part of the link.
      chain.insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] }).unsetMark('link').run();
    } else {
      chain.extendMarkRange('link').setLink({ href }).run();
    }
    onClose();
  }

  function remove() {
    editor.chain().focus().extendMarkRange('link').unsetLink().run();
    onClose();
  }

  return (
    <div className="flex flex-wrap items-center gap-2 border-t border-stone-100 px-2 py-1.5">
      <label htmlFor={id} className="text-sm text-stone-700">
        Link address
      </label>
      <input
        id={id}
        type="url"
        inputMode="url"
        autoFocus
        value={draft}
        placeholder="https://"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(event) => {
          setDraft(event.target.value);
          setError(null);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            apply();
          } else if (event.key === 'Escape') {
            event.preventDefault();
            event.stopPropagation();
            onClose();
          }
        }}
        className={`min-w-0 flex-1 rounded border border-stone-300 px-2 py-1 text-sm aria-invalid:border-red-600 ${focusRing}`}
      />
      <button type="button" onClick={apply} className={`rounded px-2 py-1 text-sm font-medium text-stone-800 hover:bg-stone-100 ${focusRing}`}>
        {hasLink ? 'Update' : 'Add link'}
      </button>
      {hasLink ? (
        <button type="button" onClick={remove} className={`rounded px-2 py-1 text-sm text-stone-700 hover:bg-stone-100 ${focusRing}`}>
          Remove link
        </button>
      ) : null}
      <button type="button" onClick={onClose} className={`rounded px-2 py-1 text-sm text-stone-700 hover:bg-stone-100 ${focusRing}`}>
        Cancel
      </button>
      {error ? (
        <p id={errorId} className="w-full text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
