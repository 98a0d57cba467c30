// The colour theme a person chose (client-safe): light, dark, or none — then it follows prefers-color-scheme. Kept
// in a cookie so the server renders <html data-theme> and the page never flashes the other theme.
export const THEME_COOKIE = 'cruxmap-theme';
export const themes = ['light', 'dark'] as const;
export type Theme = (typeof themes)[number];

export function parseTheme(value: string | undefined): Theme | null {
  return themes.find((t) => t === value) ?? null;
}
