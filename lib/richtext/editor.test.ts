// @vitest-environment happy-dom
// RichTextEditor mounted in a simulated DOM: its accessible names, keyboard contract, toolbar states and the
// reset after a submit. Typing itself is left to the browser tests; here the toolbar changes the document.
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RichTextEditor, type RichTextEditorProps } from '@/app/_components/rich-text-editor';
import type { RichTextDoc } from './types';

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined;
}

const hello: RichTextDoc = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'hello' }] }] };

let container: HTMLDivElement;
let root: Root;

beforeEach(() => {
  globalThis.IS_REACT_ACT_ENVIRONMENT = true;
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});

afterEach(() => {
  run(() => root.unmount());
  container.remove();
});

async function mount(props: Partial<RichTextEditorProps> = {}) {
  const all: RichTextEditorProps = { value: hello, onChange: vi.fn(), label: 'Rationale', ...props };
  run(() => root.render(createElement(RichTextEditor, all)));
  // The editor is created in an effect (immediatelyRender: false); let it mount.
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
  const wrapper = container.querySelector<HTMLElement>('[data-testid="rich-text-editor"]')!;
  const editable = wrapper.querySelector<HTMLElement>('.ProseMirror')!;
  // a toolbar button's name is its words (screen-reader text); its glyph is hidden from screen readers
  const button = (name: string) => [...wrapper.querySelectorAll<HTMLButtonElement>('[role="toolbar"] button')].find((b) => b.querySelector('.sr-only')?.textContent === name)!;
  const rerender = (next: Partial<RichTextEditorProps>) => run(() => root.render(createElement(RichTextEditor, { ...all, ...next })));
  return { wrapper, editable, button, rerender };
}

function press(target: HTMLElement, key: string, modifiers: { mod?: boolean } = {}) {
  const isMac = /Mac|iP(?:hone|[oa]d)/.test(navigator.platform);
  target.dispatchEvent(
    new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ctrlKey: !!modifiers.mod && !isMac, metaKey: !!modifiers.mod && isMac }),
  );
}

/** Runs a synchronous step inside act, so React and the editor settle before the assertions. */
function run(step: () => unknown): void {
  act(() => {
    step();
  });
}

function type(field: HTMLInputElement, value: string) {
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(field, value);
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

describe('RichTextEditor', () => {
  it('renders an editable textbox named by its label, with a labelled toolbar', async () => {
    const { wrapper, editable, button } = await mount({ id: 'rationale-field', placeholder: 'Why?' });
    expect(editable.getAttribute('role')).toBe('textbox');
    expect(editable.getAttribute('aria-label')).toBe('Rationale');
    expect(editable.getAttribute('aria-multiline')).toBe('true');
    expect(editable.getAttribute('contenteditable')).toBe('true');
    expect(editable.id).toBe('rationale-field');
    expect(editable.textContent).toBe('hello');
    expect(wrapper.querySelector('[role="toolbar"]')?.getAttribute('aria-label')).toBe('Rationale: formatting');
    const names = [...wrapper.querySelectorAll('[role="toolbar"] button')].map((b) => b.querySelector('.sr-only')?.textContent);
    expect(names).toEqual(['Bold', 'Italic', 'Link', 'Bulleted list', 'Numbered list', 'Quote']);
    // the visible glyph is not part of the name (axe's label-in-name rule held against "1. ≡" named "Numbered list")
    expect([...wrapper.querySelectorAll('[role="toolbar"] button')].every((b) => b.firstElementChild?.getAttribute('aria-hidden') === 'true' && !b.hasAttribute('aria-label'))).toBe(true);
    expect(button('Bold').getAttribute('aria-pressed')).toBe('false');
    // One tab stop for the whole toolbar; arrow keys move within it.
    expect([...wrapper.querySelectorAll('[role="toolbar"] button')].map((b) => b.getAttribute('tabindex'))).toEqual(['0', '-1', '-1', '-1', '-1', '-1']);
  });

  it('calls onSubmit on Mod-Enter and onCancel on Escape', async () => {
    const onSubmit = vi.fn();
    const onCancel = vi.fn();
    const { editable } = await mount({ onSubmit, onCancel });
    run(() => press(editable, 'Enter', { mod: true }));
    expect(onSubmit).toHaveBeenCalledTimes(1);
    run(() => press(editable, 'Escape'));
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  it('reports the new document and its text when a toolbar button changes it, and shows the pressed state', async () => {
    const onChange = vi.fn();
    const { button } = await mount({ onChange, autoFocus: true });
    run(() => button('Bulleted list').click());
    expect(onChange).toHaveBeenCalled();
    const [doc, text] = onChange.mock.lastCall as [RichTextDoc, string];
    expect(doc.content[0]?.type).toBe('bulletList');
    expect(text).toBe('hello');
    expect(button('Bulleted list').getAttribute('aria-pressed')).toBe('true');
  });

  it('adds a link from the inline link box, completing a bare host name and refusing other schemes', async () => {
    const onChange = vi.fn();
    const { wrapper, button } = await mount({ onChange, autoFocus: true });
    run(() => button('Link').click());
    expect(button('Link').getAttribute('aria-expanded')).toBe('true');
    const field = wrapper.querySelector<HTMLInputElement>('input[type="url"]')!;
    expect(wrapper.querySelector(`label[for="${field.id}"]`)?.textContent).toBe('Link address');

    run(() => type(field, 'javascript:alert(1)'));
    run(() => press(field, 'Enter'));
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(wrapper.textContent).toContain('Enter an http, https or mailto address.');
    expect(onChange).not.toHaveBeenCalled();

    run(() => type(field, 'example.org'));
    run(() => press(field, 'Enter'));
    expect(wrapper.querySelector('input[type="url"]')).toBeNull();
    const [doc, text] = onChange.mock.lastCall as [RichTextDoc, string];
    expect(text).toBe('hellohttps://example.org');
    expect(JSON.stringify(doc)).toContain('"marks":[{"type":"link","attrs":{"href":"https://example.org","target":"_blank","rel":"noopener noreferrer nofollow","class":null,"title":null}}]');
  });

  it('empties itself when the value is reset to null from outside', async () => {
    const { editable, rerender } = await mount();
    rerender({ value: null });
    expect(editable.textContent).toBe('');
  });

  it('shows a document set from outside', async () => {
    const { editable, rerender } = await mount({ value: null });
    expect(editable.textContent).toBe('');
    rerender({ value: hello });
    expect(editable.textContent).toBe('hello');
  });

  it('is read-only and its buttons disabled while disabled', async () => {
    const { editable, button, rerender } = await mount({ disabled: true });
    expect(editable.getAttribute('contenteditable')).toBe('false');
    expect(editable.getAttribute('aria-disabled')).toBe('true');
    expect(button('Bold').disabled).toBe(true);
    rerender({ disabled: false });
    expect(editable.getAttribute('contenteditable')).toBe('true');
    expect(button('Bold').disabled).toBe(false);
  });
});
