// A probability typed as a percentage (the claim page's "rate it"): the value, or what is wrong with it — an
// out-of-range number is refused with a message, never clamped. Client-safe.

export function parsePercent(text: string): { value: number } | { error: string } {
  const typed = text.trim();
  const cleaned = typed.endsWith('%') ? typed.slice(0, -1).trimEnd() : typed;
  if (cleaned === '') return { error: 'Enter your probability, from 0 to 100%.' };
  if (cleaned.length > 20 || !/^-?\d+(?:[.,]\d+)?$/.test(cleaned)) return { error: `“${typed.slice(0, 20)}” is not a number: enter a probability from 0 to 100%.` };
  const percent = Number(cleaned.replace(',', '.'));
  if (percent < 0 || percent > 100) return { error: `${cleaned}% is outside 0–100%: a probability cannot be below 0% or above 100%.` };
  // 33.3 / 100 is 0.33299999999999996 in binary: rounded to 12 significant digits, it is the 0.333 typed
  return { value: Number((percent / 100).toPrecision(12)) };
}
