// What procurement needs on the quote page: the seller and the buyer with their tax ids, the purchase-order
// number (admins set it before accepting), and accepting the quote online with a typed name and title and the
// terms ticked — or, once accepted, who accepted it, when, and the accepted document's SHA-256.

import type { TParty } from '@portal/shared/schemas/invoices';
import type { TQuoteProcurement } from '@portal/shared/schemas/quote-documents';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ErrorState } from '@/components/ui/error-state';
import { LiveRegion } from '@/components/ui/live-region';
import { Spinner } from '@/components/ui/spinner';
import { TextField } from '@/components/ui/text-field';
import {
  useAcceptQuote,
  useQuoteProcurement,
  useSetPurchaseOrder,
} from '@/features/offers/api/quote-procurement';
import { apiErrorMessage } from '@/lib/api-error-message';
import { useFormat } from '@/lib/format';

function Party({ title, party }: { title: string; party: TParty }) {
  const { t } = useTranslation('offers');
  return (
    <section className="quote-party" aria-label={title}>
      <h3 className="quote-document__label">{title}</h3>
      <p className="quote-document__strong">{party.legalName}</p>
      {party.addressLines.map((line) => (
        <p key={line}>{line}</p>
      ))}
      <p>{party.taxId ? t('procurement.taxId', { taxId: party.taxId }) : t('procurement.noTaxId')}</p>
    </section>
  );
}

function PurchaseOrderForm({ quoteId, current }: { quoteId: string; current: string | null }) {
  const { t } = useTranslation('offers');
  const { t: tApp } = useTranslation();
  const save = useSetPurchaseOrder(quoteId);
  const [value, setValue] = useState(current ?? '');
  const [saved, setSaved] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    save.mutate({ purchaseOrder: value }, { onSuccess: () => setSaved(true) });
  };
  return (
    <form className="quote-po" onSubmit={submit}>
      <TextField
        label={t('procurement.poLabel')}
        hint={t('procurement.poHint')}
        value={value}
        maxLength={60}
        autoComplete="off"
        onChange={(event) => {
          setValue(event.target.value);
          setSaved(false);
        }}
        error={save.error ? apiErrorMessage(save.error, tApp) : undefined}
      />
      <div>
        <Button type="submit" variant="secondary" isLoading={save.isPending}>
          {t('procurement.poSave')}
        </Button>
      </div>
      <LiveRegion>{saved ? <p className="muted">{t('procurement.poSaved')}</p> : null}</LiveRegion>
    </form>
  );
}

function AcceptForm({ procurement }: { procurement: TQuoteProcurement }) {
  const { t } = useTranslation('offers');
  const { t: tApp } = useTranslation();
  const accept = useAcceptQuote(procurement.quoteId);
  const [name, setName] = useState('');
  const [title, setTitle] = useState('');
  const [hasAgreed, setHasAgreed] = useState(false);
  const [tried, setTried] = useState(false);
  const nameError = tried && name.trim().length < 2 ? t('procurement.nameRequired') : undefined;
  const titleError = tried && title.trim().length < 2 ? t('procurement.titleRequired') : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (name.trim().length < 2 || title.trim().length < 2 || !hasAgreed) return;
    accept.mutate({ name, title, acceptTerms: true, documentSha256: procurement.documentSha256 });
  };
  return (
    <form className="stack" onSubmit={submit} aria-labelledby="quote-accept-title" noValidate>
      <h3 id="quote-accept-title" className="field__label">
        {t('procurement.acceptTitle')}
      </h3>
      <p className="muted">{t('procurement.acceptLead', { buyer: procurement.buyer.legalName })}</p>
      <div className="quote-accept__fields">
        <TextField
          label={t('procurement.name')}
          autoComplete="name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={nameError}
          required
        />
        <TextField
          label={t('procurement.jobTitle')}
          autoComplete="organization-title"
          value={title}
          onChange={(event) => setTitle(event.target.value)}
          error={titleError}
          required
        />
      </div>
      <label className="quote-accept__check">
        <input
          type="checkbox"
          checked={hasAgreed}
          onChange={(event) => setHasAgreed(event.target.checked)}
          aria-invalid={tried && !hasAgreed ? true : undefined}
        />
        <span>{t('procurement.agree')}</span>
      </label>
      {tried && !hasAgreed ? <p className="field__error">{t('procurement.agreeRequired')}</p> : null}
      <p className="muted quote-hash">
        {t('procurement.hashNote')} <code>{procurement.documentSha256}</code>
      </p>
      {accept.error ? <Alert tone="error">{apiErrorMessage(accept.error, tApp)}</Alert> : null}
      <div>
        <Button type="submit" isLoading={accept.isPending}>
          {t('procurement.accept')}
        </Button>
      </div>
    </form>
  );
}

export function QuoteProcurementPanel({ quoteId, isAdmin }: { quoteId: string; isAdmin: boolean }) {
  const { t } = useTranslation('offers');
  const { t: tApp } = useTranslation();
  const format = useFormat();
  const query = useQuoteProcurement(quoteId);
  if (query.isPending) return <Spinner label={t('procurement.loading')} />;
  if (query.isError) {
    return (
      <ErrorState
        title={t('procurement.loadFailed')}
        detail={apiErrorMessage(query.error, tApp)}
        retryLabel={tApp('common.tryAgain')}
        onRetry={() => void query.refetch()}
      />
    );
  }
  const procurement = query.data;
  const { acceptance } = procurement;
  return (
    <Card title={t('procurement.title')} className="quote-procurement">
      <div className="stack">
        <div className="quote-parties">
          <Party title={t('procurement.seller')} party={procurement.seller} />
          <Party title={t('procurement.buyer')} party={procurement.buyer} />
        </div>
        {isAdmin && procurement.canAccept ? (
          <PurchaseOrderForm quoteId={quoteId} current={procurement.purchaseOrder} />
        ) : (
          <p>
            <strong>{t('procurement.poLabel')}: </strong>
            {procurement.purchaseOrder ?? t('procurement.poNone')}
          </p>
        )}
        <LiveRegion>
          {acceptance ? (
            <Alert tone="success">
              <p>
                {t('procurement.accepted', {
                  name: acceptance.name,
                  title: acceptance.title,
                  email: acceptance.email,
                  date: format.timestamp(acceptance.acceptedAt),
                })}
              </p>
              <p className="quote-hash">
                {t('procurement.acceptedHash')} <code>{acceptance.documentSha256}</code>
              </p>
            </Alert>
          ) : null}
        </LiveRegion>
        {!acceptance && procurement.canAccept && isAdmin ? <AcceptForm procurement={procurement} /> : null}
        {!acceptance && procurement.canAccept && !isAdmin ? (
          <p className="muted">{t('procurement.adminOnly')}</p>
        ) : null}
      </div>
    </Card>
  );
}
