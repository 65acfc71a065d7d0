import type { UiMessage, UserProfile } from '../../../shared/contract';
import { ApiTasksPanel } from '../components/ApiTasksPanel';
import { Messages } from '../components/Messages';
import { Screen } from '../components/Screen';
import { useText } from '../i18n/useText';
import { useIntl } from 'react-intl';

interface HomeScreenProps {
  profile: UserProfile;
  messages: ReadonlyArray<UiMessage>;
  /** The sign-in service cannot be reached; the profile is the last one stored. */
  offline?: boolean;
  busy: boolean;
  onRefresh(): void;
  onSignOut(): void;
}

export function HomeScreen({ profile, messages, offline = false, busy, onRefresh, onSignOut }: HomeScreenProps) {
  const displayName = profile.name ?? [profile.given_name, profile.family_name].filter(Boolean).join(' ');
  const { t } = useText();
  const intl = useIntl();
  const updated = profile.updated_at !== undefined && Number.isFinite(profile.updated_at) ? intl.formatDate(profile.updated_at * 1000, { dateStyle: 'medium', timeStyle: 'short' }) : undefined;
  return (
    <Screen title={displayName !== '' ? t('home.welcome', { name: displayName }) : t('home.signedIn')}>
      {offline && (
        <div role="status" className="messages">
          <p className="message message--info">
            <strong className="visually-hidden">{t('home.offline.label')} </strong>
            {t('home.offline.text')}
          </p>
        </div>
      )}
      <Messages messages={messages} />
      <dl className="profile">
        <ProfileRow label={t('home.name')} value={displayName || undefined} />
        <ProfileRow
          label={t('home.email')}
          value={
            profile.email === undefined
              ? undefined
              : profile.email_verified === true
                ? t('home.email.verified', { email: profile.email })
                : profile.email_verified === false
                  ? t('home.email.notVerified', { email: profile.email })
                  : profile.email
          }
        />
        <ProfileRow label={t('input.username')} value={profile.preferred_username} />
        <ProfileRow label={t('home.subject')} value={profile.sub} mono />
        <ProfileRow label={t('home.locale')} value={profile.locale} />
        <ProfileRow label={t('home.timeZone')} value={profile.zoneinfo} />
        <ProfileRow label={t('home.updated')} value={updated} />
      </dl>
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

function ProfileRow({ label, value, mono = false }: { label: string; value: string | undefined; mono?: boolean }) {
  if (value === undefined || value === '') return null;
  return (
    <div className="profile__row">
      <dt>{label}</dt>
      <dd className={mono ? 'mono' : undefined}>{value}</dd>
    </div>
  );
}
