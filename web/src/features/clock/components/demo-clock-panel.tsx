// Ops, demo only: the portal's date, and moving it forward (a day, a week, a month, or to a date) or back to
// real time. With a real Stripe key it only shows the date.

import { addDays } from '@portal/shared/dates';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { LiveRegion } from '@/components/ui/live-region';
import { TextField } from '@/components/ui/text-field';
import { useDemoClock, useSetDemoClock } from '@/features/clock/api/demo-clock';
import { apiErrorMessage } from '@/lib/api-error-message';
import { useFormat } from '@/lib/format';

const STEPS = [1, 7, 30] as const;

export function DemoClockPanel() {
  const { t } = useTranslation('autoRenew');
  const { t: tApp } = useTranslation();
  const format = useFormat();
  const clock = useDemoClock();
  const move = useSetDemoClock();
  const [date, setDate] = useState('');
  if (!clock.data) return null;
  const { today, offsetDays, isAdjustable } = clock.data;

  return (
    <div className="stack">
      <p>
        <strong>{t('clock.today', { date: format.date(today) })}</strong>{' '}
        <span className="muted">
          {offsetDays > 0 ? t('clock.ahead', { count: offsetDays }) : t('clock.real')}
        </span>
      </p>
      {!isAdjustable ? <p className="muted">{t('clock.fixed')}</p> : null}
      {isAdjustable ? (
        <>
          <form
            className="form-row"
            onSubmit={(event) => {
              event.preventDefault();
              if (date) move.mutate({ today: date });
            }}
          >
            <TextField
              label={t('clock.dateLabel')}
              type="date"
              value={date}
              min={today}
              onChange={(event) => setDate(event.target.value)}
            />
            <Button type="submit" variant="secondary" isLoading={move.isPending} disabled={!date}>
              {t('clock.move')}
            </Button>
          </form>
          <div className="form-row">
            {STEPS.map((days) => (
              <Button
                key={days}
                variant="secondary"
                size="sm"
                disabled={move.isPending}
                onClick={() => move.mutate({ today: addDays(today, days) })}
              >
                {t('clock.plusDays', { count: days })}
              </Button>
            ))}
            <Button
              variant="ghost"
              size="sm"
              disabled={move.isPending || offsetDays === 0}
              onClick={() => move.mutate({ reset: true })}
            >
              {t('clock.reset')}
            </Button>
          </div>
        </>
      ) : null}
      {move.error ? <Alert tone="error">{apiErrorMessage(move.error, tApp)}</Alert> : null}
      <LiveRegion>
        {move.isSuccess ? (
          <p className="muted">{t('clock.moved', { date: format.date(move.data.today) })}</p>
        ) : null}
      </LiveRegion>
    </div>
  );
}
