import type { ReactNode } from 'react';
import type { Text } from '../../../shared/contract';
import { useText } from '../i18n/useText';

/** The card every screen is drawn in; the title is the page's one h1. */
export function Screen({ title, intro, children }: { title: Text; intro?: Text | undefined; children: ReactNode }) {
  const { show } = useText();
  return (
    <section className="card" aria-labelledby="screen-title">
      <h1 id="screen-title" className="card__title" tabIndex={-1}>
        {show(title)}
      </h1>
      {intro !== undefined && <p className="card__intro">{show(intro)}</p>}
      {children}
    </section>
  );
}
