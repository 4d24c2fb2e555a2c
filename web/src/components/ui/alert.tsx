// An inline message. Errors interrupt (role="alert"); other tones are meant to sit inside a LiveRegion that
// is always on the page, so that screen readers announce them when they appear.

import type { ReactNode } from 'react';

export type AlertTone = 'info' | 'success' | 'error';

export function Alert({
  tone = 'info',
  title,
  children,
}: {
  tone?: AlertTone;
  title?: string;
  children: ReactNode;
}) {
  return (
    <div className={`alert alert--${tone}`} role={tone === 'error' ? 'alert' : undefined}>
      {title ? <p className="alert__title">{title}</p> : null}
      <div className="alert__body">{children}</div>
    </div>
  );
}
