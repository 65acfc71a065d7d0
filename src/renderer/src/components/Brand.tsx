import type { Branding } from '../../../shared/contract';
import { useText } from '../i18n/useText';

/** The app's own mark when the org set no logo: a key in a rounded square, in the accent colour. */
function AppMark() {
  return (
    <svg className="brand__mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect x="1" y="1" width="30" height="30" rx="8" fill="var(--accent)" />
      <circle cx="12.5" cy="16" r="5" fill="none" stroke="var(--accent-text)" strokeWidth="2.5" />
      <path d="M17.5 16h9m-3 0v4m-3-4v3" fill="none" stroke="var(--accent-text)" strokeWidth="2.5" strokeLinecap="round" />
    </svg>
  );
}

/**
 * For the top bar and the sign-in card: the org's logo alone (logos are often the name written out,
 * and Okta's sign-in widget shows the logo alone too; the name is its text alternative), else the
 * app's mark beside the org's name or the app's.
 */
export function Brand({ branding, className }: { branding: Branding; className: string }) {
  const { t } = useText();
  const name = branding.orgName ?? t('app.name');
  return (
    <span className={`brand ${className}`}>
      {branding.logo !== undefined ? (
        <img className="brand__logo" src={branding.logo} alt={name} />
      ) : (
        <>
          <AppMark />
          <span className="brand__name">{name}</span>
        </>
      )}
    </span>
  );
}
