import type { ReactNode } from 'react';
import type { Text } from '../../../shared/contract';
import { useText } from '../i18n/useText';

/** The card every screen is drawn in; the title is the page's one h1; `header` goes above it (the org's logo). */
export function Screen({ title, intro, header, children }: { title: Text; intro?: Text | undefined; header?: ReactNode; children: ReactNode }) {
  const { show } = useText();
  return (
    <section className="card" aria-labelledby="screen-title">
      {header}
      <h1 id="screen-title" className="card__title" tabIndex={-1}>
        {show(title)}
      </h1>
      {intro !== undefined && <p className="card__intro">{show(intro)}</p>}
      {children}
    </section>
  );
}
