// A table that may scroll sideways on a phone: the scrolling region is focusable and named so
// keyboard users can scroll it too (WCAG 2.1.1).
import type { ComponentChildren } from 'preact';

export function TableWrap({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
