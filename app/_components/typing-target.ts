// Whether a key went to a place where it types (a text field, a select, an editor): page shortcuts leave it alone.
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['radio', 'checkbox', 'range', 'button', 'submit', 'reset'].includes(target.type);
}
