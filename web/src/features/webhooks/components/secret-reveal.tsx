// The signing secret, shown once (after creating an endpoint or rotating its secret), with a copy button.

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';

export function SecretReveal({ title, body, secret }: { title: string; body: string; secret: string }) {
  const { t } = useTranslation('webhooks');
  const [isCopied, setCopied] = useState(false);
  return (
    <Alert tone="success" title={title}>
      <p>{body}</p>
      <p>
        <code className="webhook-secret" data-testid="webhook-secret">
          {secret}
        </code>
      </p>
      <Button
        variant="secondary"
        size="sm"
        onClick={() => void navigator.clipboard?.writeText(secret).then(() => setCopied(true))}
      >
        {t('secret.copy')}
      </Button>
      {isCopied ? <span className="muted"> {t('secret.copied')}</span> : null}
    </Alert>
  );
}
