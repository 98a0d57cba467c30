// The page frame: the header (sign in, or the workspace switcher and account menu) and the main region.
import type { Metadata, Viewport } from 'next';
import { cookies } from 'next/headers';
import type { ReactNode } from 'react';
import { parseTheme, THEME_COOKIE } from '@/lib/theme/theme';
import { HydrationMark } from './_components/hydration-mark';
import { SiteHeader } from './_components/site-header';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Cruxmap', template: '%s · Cruxmap' },
  description: 'Collaborative annotated reading: where readers disagree, how much, and what it hinges on.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // the chosen theme, rendered on <html> from the first byte (no flash); none: prefers-color-scheme decides
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <html lang="en" data-theme={theme ?? undefined}>
      <body className="min-h-screen bg-stone-50 font-sans text-stone-900 antialiased">
        <a href="#main" data-skip-link="" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
          Skip to content
        </a>
        <SiteHeader theme={theme} />
        <main id="main">{children}</main>
        <HydrationMark />
      </body>
    </html>
  );
}
