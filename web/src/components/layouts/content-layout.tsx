// A page's title (document title and the one <h1>), an optional lead paragraph and its content.

import type { ReactNode } from 'react';

type ContentLayoutProps = {
  title: string;
  /** The document title's suffix, usually the product name. */
  titleSuffix: string;
  lead?: ReactNode;
  actions?: ReactNode;
  children?: ReactNode;
};

export function ContentLayout({ title, titleSuffix, lead, actions, children }: ContentLayoutProps) {
  return (
    <>
      <title>{`${title} · ${titleSuffix}`}</title>
      <div className="page-header">
        <div>
          <h1 className="page-header__title">{title}</h1>
          {lead ? <p className="page-header__lead">{lead}</p> : null}
        </div>
        {actions ? <div className="page-header__actions">{actions}</div> : null}
      </div>
      {children}
    </>
  );
}
