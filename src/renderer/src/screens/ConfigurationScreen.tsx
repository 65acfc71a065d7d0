import { useState } from 'react';
import { FormattedMessage } from 'react-intl';
import type { SettingsLocation, Text } from '../../../shared/contract';
import { Screen } from '../components/Screen';
import { useText } from '../i18n/useText';

interface ConfigurationScreenProps {
  problems: ReadonlyArray<Text>;
  /** Where this build reads its settings (main says; a released build never reads `.env`). */
  location: SettingsLocation;
  busy: boolean;
  /** Reads the settings again; valid ones go on to sign-in. */
  onCheckAgain(): void;
  /** Shows the configuration folder in the file manager; resolves false when it could not. */
  onOpenFolder(): Promise<boolean>;
}

/** The shape of a config.json, short enough to read inline (the README has a full one). */
const CONFIG_SHAPE = '{"OKTA_ISSUER": "https://…", …}';

const code = (text: string) => <code>{text}</code>;
const SETTINGS = { issuer: code('OKTA_ISSUER'), clientId: code('OKTA_CLIENT_ID'), redirectUri: code('OKTA_REDIRECT_URI') };

export function ConfigurationScreen({ problems, location, busy, onCheckAgain, onOpenFolder }: ConfigurationScreenProps) {
  const { t, show } = useText();
  return (
    <Screen title={t('config.title')} intro={t('config.intro')}>
      <div role="alert" className="messages" data-first-error tabIndex={-1}>
        <div className="message message--error">
          <p className="problems__lead">
            <strong className="visually-hidden">{t('message.level.error')} </strong>
            {t('config.lead')}
          </p>
          <ul className="problems">
            {problems.map((problem, i) => (
              <li key={i}>{show(problem)}</li>
            ))}
          </ul>
        </div>
      </div>
      <h2 className="card__subtitle">{t('config.howToFix')}</h2>
      {location.kind === 'packaged' ? <ReleasedSteps location={location} busy={busy} onOpenFolder={onOpenFolder} /> : <DevelopmentSteps envFile={location.envFile} />}
      <div className="actions">
        <button type="button" className="button button--primary" disabled={busy} onClick={onCheckAgain}>
          {t('config.checkAgain')}
        </button>
      </div>
    </Screen>
  );
}

/** A development run: `.env` beside package.json (its path from main). */
function DevelopmentSteps({ envFile }: { envFile: string }) {
  const { t } = useText();
  return (
    <ol className="steps">
      <li>
        <FormattedMessage id="config.step.copy" values={{ example: code('.env.example'), env: <code className="path">{envFile}</code> }} />
      </li>
      <li>
        <FormattedMessage id="config.step.set" values={SETTINGS} />
      </li>
      <li>{t('config.step.checkAgain')}</li>
    </ol>
  );
}

/** A released build: the person's own config.json, in a folder the app can open; the machine-wide one as the alternative. */
function ReleasedSteps({ location, busy, onOpenFolder }: { location: Extract<SettingsLocation, { kind: 'packaged' }>; busy: boolean; onOpenFolder(): Promise<boolean> }) {
  const { t } = useText();
  const [notOpened, setNotOpened] = useState(false);
  const open = () => void onOpenFolder().then((opened) => setNotOpened(!opened));
  return (
    <ol className="steps">
      <li>
        <FormattedMessage id="config.released.step.file" values={{ file: <code className="path">{location.file}</code> }} />
        <div className="steps__action">
          <button type="button" className="button" disabled={busy} onClick={open}>
            {t('config.openFolder')}
          </button>
        </div>
        {notOpened && (
          <p role="alert" className="message message--error steps__error">
            <strong className="visually-hidden">{t('message.level.error')} </strong>
            <FormattedMessage id="config.folderNotOpened" values={{ folder: <code className="path">{location.folder}</code> }} />
          </p>
        )}
        {location.machineFile !== undefined && (
          <p className="steps__note">
            <FormattedMessage id="config.released.machineWide" values={{ file: <code className="path">{location.machineFile}</code> }} />
          </p>
        )}
      </li>
      <li>
        <FormattedMessage id="config.released.step.set" values={{ ...SETTINGS, example: <code className="path">{CONFIG_SHAPE}</code> }} />
      </li>
      <li>{t('config.step.checkAgain')}</li>
    </ol>
  );
}
