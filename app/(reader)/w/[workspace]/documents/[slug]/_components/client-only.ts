'use client';
// What the reading page draws only in the browser: after hydration (`useHydrated`), or once an element comes
// near the viewport (`useNearViewport`, one shared IntersectionObserver for every element that asks).
import { useEffect, useState, useSyncExternalStore, type RefObject } from 'react';

const noSubscription = () => () => {};

/** false on the server and while hydrating, true after: for what the server should not render. */
export const useHydrated = (): boolean =>
  useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );

const waiting = new Map<Element, () => void>();
let observer: IntersectionObserver | null = null;

function watch(element: Element, onNear: () => void): () => void {
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        const callback = waiting.get(entry.target);
        waiting.delete(entry.target);
        observer?.unobserve(entry.target);
        callback?.();
      }
    },
    // a screen's height ahead, so what scrolls in is already drawn
    { rootMargin: '100% 0px' },
  );
  waiting.set(element, onNear);
  observer.observe(element);
  return () => {
    waiting.delete(element);
    observer?.unobserve(element);
  };
}

/** Becomes true once the element is within a screen of the viewport, and stays true. */
export function useNearViewport(ref: RefObject<Element | null>): boolean {
  const [isNear, setNear] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (isNear || !element) return;
    if (typeof IntersectionObserver === 'undefined') {
      setNear(true);
      return;
    }
    return watch(element, () => setNear(true));
  }, [ref, isNear]);
  return isNear;
}
