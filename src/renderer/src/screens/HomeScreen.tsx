import type { UiMessage, UserProfile } from '../../../shared/contract';
import { Messages } from '../components/Messages';
import { Screen } from '../components/Screen';

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
  return (
    <Screen title={displayName !== '' ? `Welcome, ${displayName}` : 'Signed in'}>
      {offline && (
        <div role="status" className="messages">
          <p className="message message--info">
            <strong className="message__level">Offline:</strong> The sign-in service cannot be reached. You are still
            signed in; the app will reconnect on its own.
          </p>
        </div>
      )}
      <Messages messages={messages} />
      <dl className="profile">
        <ProfileRow label="Name" value={displayName || undefined} />
        <ProfileRow
          label="Email"
          value={
            profile.email === undefined
              ? undefined
              : `${profile.email}${profile.email_verified === true ? ' (verified)' : profile.email_verified === false ? ' (not verified)' : ''}`
          }
        />
        <ProfileRow label="Username" value={profile.preferred_username} />
        <ProfileRow label="Subject (sub)" value={profile.sub} mono />
        <ProfileRow label="Locale" value={profile.locale} />
        <ProfileRow label="Time zone" value={profile.zoneinfo} />
        <ProfileRow label="Profile updated" value={formatEpochSeconds(profile.updated_at)} />
      </dl>
      <div className="actions">
        <button type="button" className="button" disabled={busy} onClick={onRefresh}>
          {busy ? 'Working…' : 'Refresh profile'}
        </button>
        <button type="button" className="button button--primary" disabled={busy} onClick={onSignOut}>
          Sign out
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

function formatEpochSeconds(seconds: number | undefined): string | undefined {
  if (seconds === undefined || !Number.isFinite(seconds)) return undefined;
  return new Date(seconds * 1000).toLocaleString();
}
