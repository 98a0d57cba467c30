'use client';
// One Observable Plot chart in React: drawn in an effect once the figure nears the viewport (large maps draw many),
// redrawn when its options change, and removed on unmount.
import * as Plot from '@observablehq/plot';
import { useEffect, useRef, useState } from 'react';

export function PlotFigure({
  options,
  placeholderHeight,
  label,
  className,
  testId,
}: {
  /** memoize in the caller: a new object redraws the chart */
  options: Plot.PlotOptions;
  placeholderHeight: number;
  /** what the chart shows, for screen readers */
  label: string;
  className?: string;
  testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [isNear, setIsNear] = useState(false);

  useEffect(() => {
    const element = ref.current;
    if (!element || isNear) return;
    if (typeof IntersectionObserver === 'undefined') {
      setIsNear(true);
      return;
    }
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setIsNear(true);
    }, { rootMargin: '400px' });
    observer.observe(element);
    return () => observer.disconnect();
  }, [isNear]);

  useEffect(() => {
    const element = ref.current;
    if (!element || !isNear) return;
    const chart = Plot.plot(options);
    // the figure's label says what it shows: the picture's parts (Plot names its <g> marks, which a generic
    // element may not be) are hidden from assistive technology
    chart.setAttribute('aria-hidden', 'true');
    element.replaceChildren(chart);
    return () => chart.remove();
  }, [options, isNear]);

  return (
    <div
      ref={ref}
      role="img"
      aria-label={label}
      className={className}
      data-testid={testId}
      data-drawn={isNear ? 'true' : 'false'}
      style={isNear ? undefined : { minHeight: placeholderHeight }}
    />
  );
}
