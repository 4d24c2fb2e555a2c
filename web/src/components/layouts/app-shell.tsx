// The signed-in frame: skip link, header (product, account), the main navigation with the tools, and <main>.
// It knows no feature: the app passes in the account name, the nav items and the tools. On a phone the
// navigation and tools fold behind a Menu button (aria-expanded; Escape closes it and focus returns to the
// button; opening it moves focus to the first link; following a link closes it).

import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router';

export type NavItem = { to: string; label: string; isActive: boolean };

type AppShellProps = {
  productName: string;
  homePath: string;
  accountName: string;
  userName: string;
  skipLabel: string;
  navLabel: string;
  /** The phone layout's button that shows the navigation. */
  menuLabel: string;
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
    menuLabel,
    navItems,
    tools,
    isBusy,
    children,
  } = props;
  const mainRef = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  const previousPath = useRef(pathname);
  const menuId = useId();
  const menuRef = useRef<HTMLDivElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const [isMenuOpen, setIsMenuOpen] = useState(false);

  // A followed link closes the menu.
  useEffect(() => {
    if (previousPath.current !== pathname) setIsMenuOpen(false);
  }, [pathname]);

  // Open: focus on the first link; Escape closes and gives focus back to the button.
  useEffect(() => {
    if (!isMenuOpen) return;
    menuRef.current?.querySelector<HTMLElement>('a, button, select')?.focus();
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setIsMenuOpen(false);
      toggleRef.current?.focus();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [isMenuOpen]);

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
          <button
            ref={toggleRef}
            type="button"
            className="app-menu-toggle"
            aria-expanded={isMenuOpen}
            aria-controls={menuId}
            onClick={() => setIsMenuOpen((open) => !open)}
          >
            <span className="app-menu-toggle__icon" aria-hidden="true" />
            {menuLabel}
          </button>
        </div>
        <div id={menuId} ref={menuRef} className={`app-menu container${isMenuOpen ? ' app-menu--open' : ''}`}>
          {navItems.length > 0 ? (
            <nav className="app-nav" aria-label={navLabel}>
              <ul className="app-nav__list">
                {navItems.map((item) => (
                  <li key={item.to}>
                    <Link
                      to={item.to}
                      className="app-nav__link"
                      aria-current={item.isActive ? 'page' : undefined}
                      onClick={() => setIsMenuOpen(false)}
                    >
                      {item.label}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
          <div className="app-header__tools">{tools}</div>
        </div>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1} className="app-main container">
        {children}
      </main>
    </div>
  );
}
