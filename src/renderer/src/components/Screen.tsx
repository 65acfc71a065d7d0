import type { ReactNode } from 'react';

/** The card every screen is drawn in; the title is the page's one h1. */
export function Screen({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <section className="card" aria-labelledby="screen-title">
      <h1 id="screen-title" className="card__title" tabIndex={-1}>
        {title}
      </h1>
      {intro !== undefined && <p className="card__intro">{intro}</p>}
      {children}
    </section>
  );
}
