// A polite live region that stays mounted, so that what appears in it is announced.

import type { ReactNode } from 'react';

export function LiveRegion({ children, className }: { children?: ReactNode; className?: string }) {
  return (
    <div aria-live="polite" aria-atomic="true" className={className}>
      {children}
    </div>
  );
}
