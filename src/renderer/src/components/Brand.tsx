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

/** The org's logo and name (or the app's mark and name) for the top bar and the sign-in card. */
export function Brand({ branding, className }: { branding: Branding; className: string }) {
  const { t } = useText();
  return (
    <span className={`brand ${className}`}>
      {branding.logo !== undefined ? <img className="brand__logo" src={branding.logo} alt="" /> : <AppMark />}
      {/* The org's name keeps its own order inside Arabic. */}
      <bdi className="brand__name">{branding.orgName ?? t('app.name')}</bdi>
    </span>
  );
}
