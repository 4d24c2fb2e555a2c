// Ops: the notice policies by jurisdiction. The days before the charge can be changed within each policy's
// legal window (the server keeps them inside it); new plans use the new days, notices already planned keep
// the policy they were planned under.

import type { TNoticePolicies } from '@portal/shared/schemas/auto-renew';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { LiveRegion } from '@/components/ui/live-region';
import { useNoticePolicies, useSaveNoticePolicies } from '@/features/auto-renew/api/notice-policies';
import { apiErrorMessage } from '@/lib/api-error-message';

type Days = { advance: string; final: string };

function toDays(policies: TNoticePolicies): Record<string, Days> {
  return Object.fromEntries(
    policies.map((p) => [
      p.id,
      {
        advance: String(p.advance.daysBefore),
        final: p.finalDaysBefore === null ? '' : String(p.finalDaysBefore),
      },
    ]),
  );
}

export function NoticePoliciesForm() {
  const { t } = useTranslation('autoRenew');
  const { t: tApp } = useTranslation();
  const query = useNoticePolicies();
  const save = useSaveNoticePolicies();
  const [days, setDays] = useState<Record<string, Days>>({});
  useEffect(() => {
    if (query.data) setDays(toDays(query.data));
  }, [query.data]);
  if (!query.data) return null;
  const policies = query.data;

  const submit = () => {
    save.mutate(
      policies.map((p) => {
        const entry = days[p.id];
        const advance = Number(entry?.advance);
        const final = entry?.final ? Number(entry.final) : null;
        return {
          ...p,
          advance: {
            ...p.advance,
            daysBefore: Number.isInteger(advance) && advance > 0 ? advance : p.advance.daysBefore,
          },
          finalDaysBefore:
            final === null || (Number.isInteger(final) && final > 0) ? final : p.finalDaysBefore,
        };
      }),
    );
  };

  return (
    <form
      className="stack"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('ops.policies.columns.policy')}</th>
              <th scope="col">{t('ops.policies.columns.first')}</th>
              <th scope="col">{t('ops.policies.columns.final')}</th>
              <th scope="col">{t('ops.policies.columns.more')}</th>
            </tr>
          </thead>
          <tbody>
            {policies.map((p) => (
              <tr key={p.id}>
                <th scope="row">{p.label}</th>
                <td>
                  <input
                    className="field__input field__input--narrow"
                    type="number"
                    min={p.advance.window[0]}
                    max={p.advance.window[1]}
                    aria-label={t('ops.policies.firstLabel', { policy: p.label })}
                    value={days[p.id]?.advance ?? ''}
                    onChange={(e) =>
                      setDays({
                        ...days,
                        [p.id]: { advance: e.target.value, final: days[p.id]?.final ?? '' },
                      })
                    }
                  />{' '}
                  <span className="muted">
                    {t('ops.policies.window', { min: p.advance.window[0], max: p.advance.window[1] })}
                  </span>
                </td>
                <td>
                  <input
                    className="field__input field__input--narrow"
                    type="number"
                    min={1}
                    max={60}
                    aria-label={t('ops.policies.finalLabel', { policy: p.label })}
                    value={days[p.id]?.final ?? ''}
                    onChange={(e) =>
                      setDays({
                        ...days,
                        [p.id]: { advance: days[p.id]?.advance ?? '', final: e.target.value },
                      })
                    }
                  />
                </td>
                <td className="muted">
                  {[
                    p.annualReminder ? t('ops.policies.annual') : null,
                    p.priceChange
                      ? t('ops.policies.priceChange', {
                          min: p.priceChange.window[0],
                          max: p.priceChange.window[1],
                        })
                      : null,
                    p.source,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {save.error ? <Alert tone="error">{apiErrorMessage(save.error, tApp)}</Alert> : null}
      <div>
        <Button type="submit" variant="secondary" isLoading={save.isPending}>
          {t('ops.policies.save')}
        </Button>
      </div>
      <LiveRegion>{save.isSuccess ? <p className="muted">{t('ops.policies.saved')}</p> : null}</LiveRegion>
    </form>
  );
}
