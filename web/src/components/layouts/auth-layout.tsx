// The frame of the pages used before signing in: the product name, the language switch and one card.

import type { ReactNode } from 'react';

type AuthLayoutProps = { productName: string; skipLabel: string; tools: ReactNode; children: ReactNode };

export function AuthLayout({ productName, skipLabel, tools, children }: AuthLayoutProps) {
  return (
    <div className="auth-layout">
      <a className="skip-link" href="#main">
        {skipLabel}
      </a>
      <header className="auth-layout__header">
        <span className="auth-layout__brand">{productName}</span>
        {tools}
      </header>
      <main id="main" tabIndex={-1} className="auth-layout__main">
        <div className="auth-card">{children}</div>
      </main>
    </div>
  );
}
