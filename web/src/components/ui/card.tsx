// A surface that groups related content; with a title it becomes a labelled section.

import { type ReactNode, useId } from 'react';

type CardProps = {
  title?: ReactNode;
  /** Heading level of the title, to keep the page's outline in order. */
  headingLevel?: 2 | 3;
  actions?: ReactNode;
  className?: string;
  children: ReactNode;
};

export function Card({ title, headingLevel = 2, actions, className, children }: CardProps) {
  const headingId = useId();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  if (!title) return <div className={['card', className].filter(Boolean).join(' ')}>{children}</div>;
  return (
    <section className={['card', className].filter(Boolean).join(' ')} aria-labelledby={headingId}>
      <div className="card__header">
        <Heading id={headingId} className="card__title">
          {title}
        </Heading>
        {actions ? <div className="card__actions">{actions}</div> : null}
      </div>
      {children}
    </section>
  );
}
