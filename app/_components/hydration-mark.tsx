'use client';
// Marks the page interactive: `data-hydrated` on <html> once React has hydrated everything before this component
// (it renders last in <body>, and effects run in tree order), so the page's event handlers are attached. Browser
// tests wait for it before they click; nothing in the app reads it.
import { useEffect } from 'react';

export function HydrationMark(): null {
  useEffect(() => {
    document.documentElement.dataset.hydrated = '';
  }, []);
  return null;
}
