import type { ReactNode } from 'react';
import type { Text } from '../../../shared/contract';
import { useText } from '../i18n/useText';

interface ScreenProps {
  title: Text;
  intro?: Text | undefined;
  /** Above the title (the org's logo on the sign-in card). */
  header?: ReactNode;
  /** Beside the title (home: the person's initials), with `byline` under the title. */
  figure?: ReactNode;
  /** Lines under the title, in the same block (home: the email and the org). */
  byline?: ReactNode;
  children: ReactNode;
}

/** The card every screen is drawn in; the title is the page's one h1. */
export function Screen({ title, intro, header, figure, byline, children }: ScreenProps) {
  const { show } = useText();
  const heading = (
    <>
      <h1 id="screen-title" className="card__title" tabIndex={-1}>
        {show(title)}
      </h1>
      {intro !== undefined && <p className="card__intro">{show(intro)}</p>}
      {byline}
    </>
  );
  return (
    <section className="card" aria-labelledby="screen-title">
      {header}
      {figure === undefined ? (
        heading
      ) : (
        <div className="card__heading">
          {figure}
          <div className="card__heading-text">{heading}</div>
        </div>
      )}
      {children}
    </section>
  );
}
