// The signed-in frame: skip link, header (product, account, tools), the main navigation and <main>.
// It knows no feature: the app passes in the account name, the nav items and the header tools.

import { type ReactNode, useEffect, useRef } from 'react';
import { Link, useLocation } from 'react-router';

export type NavItem = { to: string; label: string; isActive: boolean };

type AppShellProps = {
  productName: string;
  homePath: string;
  accountName: string;
  userName: string;
  skipLabel: string;
  navLabel: string;
  navItems: readonly NavItem[];
  tools: ReactNode;
  /** A page is loading: shows a thin progress bar. */
  isBusy?: boolean;
  children: ReactNode;
};

export function AppShell(props: AppShellProps) {
  const {
    productName,
    homePath,
    accountName,
    userName,
    skipLabel,
    navLabel,
    navItems,
    tools,
    isBusy,
    children,
  } = props;
  const mainRef = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  const previousPath = useRef(pathname);

  // After a client-side navigation, move focus to the new content, as a full page load would.
  useEffect(() => {
    if (previousPath.current === pathname) return;
    previousPath.current = pathname;
    mainRef.current?.focus();
  }, [pathname]);

  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        {skipLabel}
      </a>
      {isBusy ? <div className="progress-bar" aria-hidden="true" /> : null}
      <header className="app-header">
        <div className="app-header__bar container">
          <div className="app-header__identity">
            <Link to={homePath} className="app-header__brand">
              {productName}
            </Link>
            <span className="app-header__account">
              {accountName}
              <span className="app-header__user"> · {userName}</span>
            </span>
          </div>
          <div className="app-header__tools">{tools}</div>
        </div>
        {navItems.length > 0 ? (
          <nav className="app-nav container" aria-label={navLabel}>
            <ul className="app-nav__list">
              {navItems.map((item) => (
                <li key={item.to}>
                  <Link
                    to={item.to}
                    className="app-nav__link"
                    aria-current={item.isActive ? 'page' : undefined}
                  >
                    {item.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </header>
      <main id="main" ref={mainRef} tabIndex={-1} className="app-main container">
        {children}
      </main>
    </div>
  );
}
