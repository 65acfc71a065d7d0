import type { SessionTimes, UiMessage, UserProfile } from '../../../shared/contract';
import { ApiTasksPanel } from '../components/ApiTasksPanel';
import { Messages } from '../components/Messages';
import { Screen } from '../components/Screen';
import { useText } from '../i18n/useText';
import { useIntl } from 'react-intl';
import type { ReactNode } from 'react';

interface HomeScreenProps {
  profile: UserProfile;
  messages: ReadonlyArray<UiMessage>;
  /** The sign-in service cannot be reached; the profile is the last one stored. */
  offline?: boolean;
  times?: SessionTimes;
  /** The org's name (branding), shown under the person's email. */
  orgName?: string;
  busy: boolean;
  onRefresh(): void;
  onSignOut(): void;
}

/** Up to two letters for the avatar: given and family name, else the name's first two words, else the email. */
export function initialsOf(profile: UserProfile, displayName: string): string {
  const words = [profile.given_name, profile.family_name].every((part) => part?.trim())
    ? [profile.given_name!, profile.family_name!]
    : displayName.split(/\s+/).filter(Boolean);
  const source = words.length > 0 ? words.slice(0, 2) : [profile.email ?? profile.preferred_username ?? ''];
  return source.map((word) => [...word.trim()][0] ?? '').join('').toLocaleUpperCase();
}

/**
 * Who is signed in, as a person recognises it: initials, name (in the greeting), email, the org. What only an
 * administrator needs (the subject, locale, token times) is behind "Technical details".
 */
export function HomeScreen({ profile, messages, offline = false, times, orgName, busy, onRefresh, onSignOut }: HomeScreenProps) {
  const displayName = profile.name ?? [profile.given_name, profile.family_name].filter(Boolean).join(' ');
  const { t } = useText();
  const intl = useIntl();
  // A <time>: formatted by Intl in the person's language, and machine-readable.
  const when = (seconds: number | undefined) =>
    seconds !== undefined && Number.isFinite(seconds) ? (
      <time dateTime={new Date(seconds * 1000).toISOString()}>{intl.formatDate(seconds * 1000, { dateStyle: 'medium', timeStyle: 'short' })}</time>
    ) : undefined;
  // The person's data on a line of its own is isolated (<bdi>), so it keeps its order inside Arabic;
  // inside a message, useText isolates it.
  const email =
    profile.email === undefined ? undefined : profile.email_verified === false ? t('home.email.notVerified', { email: profile.email }) : <bdi>{profile.email}</bdi>;
  // The name once, where a person looks for it: the greeting beside their initials, the email and org under it.
  return (
    <Screen
      title={displayName !== '' ? t('home.welcome', { name: displayName }) : t('home.signedIn')}
      figure={
        <span className="identity__avatar" aria-hidden="true" translate="no">
          {initialsOf(profile, displayName)}
        </span>
      }
      byline={
        <>
          {email !== undefined && <p className="identity__email">{email}</p>}
          {orgName !== undefined && (
            <p className="identity__org">
              <bdi>{orgName}</bdi>
            </p>
          )}
        </>
      }
    >
      {offline && (
        <div role="status" className="messages">
          <p className="message message--info">
            <strong className="visually-hidden">{t('home.offline.label')} </strong>
            {t('home.offline.text')}
          </p>
        </div>
      )}
      <Messages messages={messages} />
      <details className="details">
        <summary className="details__summary">{t('home.technical')}</summary>
        <dl className="profile">
          <ProfileRow label={t('input.username')} value={profile.preferred_username} />
          <ProfileRow label={t('home.subject')} value={profile.sub} mono />
          <ProfileRow label={t('home.signedInAt')} value={when(times?.signedInAt)} />
          <ProfileRow label={t('home.tokenExpires')} value={when(times?.accessTokenExpiresAt)} />
          <ProfileRow label={t('home.locale')} value={profile.locale} />
          <ProfileRow label={t('home.timeZone')} value={profile.zoneinfo} />
          <ProfileRow label={t('home.updated')} value={when(profile.updated_at)} />
        </dl>
      </details>
      <ApiTasksPanel />
      <div className="actions">
        <button type="button" className="button" disabled={busy} onClick={onRefresh}>
          {t(busy ? 'action.working' : 'home.refresh')}
        </button>
        <button type="button" className="button button--primary" disabled={busy} onClick={onSignOut}>
          {t('home.signOut')}
        </button>
      </div>
    </Screen>
  );
}

function ProfileRow({ label, value, mono = false }: { label: string; value: ReactNode; mono?: boolean }) {
  if (value === undefined || value === '') return null;
  return (
    <div className="profile__row">
      <dt>{label}</dt>
      <dd className={mono ? 'mono' : undefined}>
        <bdi>{value}</bdi>
      </dd>
    </div>
  );
}
