// The frame of every page used without signing in, with the language switch (kept on this device only).

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AuthLayout } from '@/components/layouts/auth-layout';
import { LanguageSelect } from '@/components/ui/language-select';
import { changeLocale } from '@/lib/i18n';

export function PublicFrame({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <AuthLayout
      productName={t('app.name')}
      skipLabel={t('app.skipToContent')}
      tools={<LanguageSelect onChange={(locale) => void changeLocale(locale)} />}
    >
      <title>{`${title} · ${t('app.name')}`}</title>
      <h1 className="auth-card__title">{title}</h1>
      {children}
    </AuthLayout>
  );
}
