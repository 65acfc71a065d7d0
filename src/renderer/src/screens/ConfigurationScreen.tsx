import { FormattedMessage } from 'react-intl';
import type { Text } from '../../../shared/contract';
import { Screen } from '../components/Screen';
import { useText } from '../i18n/useText';

interface ConfigurationScreenProps {
  problems: ReadonlyArray<Text>;
  busy: boolean;
  onCheckAgain(): void;
}

export function ConfigurationScreen({ problems, busy, onCheckAgain }: ConfigurationScreenProps) {
  const { t, show } = useText();
  const code = (text: string) => <code>{text}</code>;
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
      <ol className="steps">
        <li>
          <FormattedMessage id="config.step.copy" values={{ example: code('.env.example'), env: code('.env') }} />
        </li>
        <li>
          <FormattedMessage id="config.step.set" values={{ issuer: code('OKTA_ISSUER'), clientId: code('OKTA_CLIENT_ID'), redirectUri: code('OKTA_REDIRECT_URI') }} />
        </li>
        <li>{t('config.step.restart')}</li>
      </ol>
      <div className="actions">
        <button type="button" className="button" disabled={busy} onClick={onCheckAgain}>
          {t('config.checkAgain')}
        </button>
      </div>
    </Screen>
  );
}
