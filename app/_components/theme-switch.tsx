'use client';
// The theme switch in the header: Auto (the system's prefers-color-scheme) → Light → Dark, kept in a cookie for a
// year that the root layout reads, so the next page is rendered in the chosen theme from its first byte.
import { useState } from 'react';
import { THEME_COOKIE, type Theme } from '@/lib/theme/theme';

const next: Record<Theme | 'auto', Theme | 'auto'> = { auto: 'light', light: 'dark', dark: 'auto' };
const words: Record<Theme | 'auto', string> = { auto: 'Auto', light: 'Light', dark: 'Dark' };

export function ThemeSwitch({ initial }: { initial: Theme | null }) {
  const [theme, setTheme] = useState<Theme | 'auto'>(initial ?? 'auto');
  const choose = () => {
    const chosen = next[theme];
    setTheme(chosen);
    const root = document.documentElement;
    if (chosen === 'auto') {
      delete root.dataset.theme;
      document.cookie = `${THEME_COOKIE}=; path=/; max-age=0; samesite=lax`;
    } else {
      root.dataset.theme = chosen;
      document.cookie = `${THEME_COOKIE}=${chosen}; path=/; max-age=31536000; samesite=lax`;
    }
  };
  return (
    <button
      type="button"
      onClick={choose}
      title={`Colour theme: ${words[theme]}${theme === 'auto' ? ' (follows the system)' : ''}. Press for ${words[next[theme]]}.`}
      className="inline-flex min-h-11 min-w-11 items-center justify-center gap-1 rounded px-2 text-sm text-stone-700 hover:bg-stone-100 focus-visible:outline-2 focus-visible:outline-blue-600"
      data-testid="theme-switch"
    >
      <span aria-hidden="true">◐</span>
      <span>
        <span className="sr-only">Theme: </span>
        {words[theme]}
      </span>
    </button>
  );
}
