// A failed load: what went wrong, and a way to try again.

import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';

type ErrorStateProps = { title: string; detail?: ReactNode; retryLabel?: string; onRetry?: () => void };

export function ErrorState({ title, detail, retryLabel, onRetry }: ErrorStateProps) {
  return (
    <div className="error-state" role="alert">
      <p className="error-state__title">{title}</p>
      {detail ? <p className="error-state__detail">{detail}</p> : null}
      {onRetry && retryLabel ? (
        <Button variant="secondary" onClick={onRetry}>
          {retryLabel}
        </Button>
      ) : null}
    </div>
  );
}
