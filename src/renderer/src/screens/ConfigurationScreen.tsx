import { Screen } from '../components/Screen';

interface ConfigurationScreenProps {
  problems: ReadonlyArray<string>;
  busy: boolean;
  onCheckAgain(): void;
}

export function ConfigurationScreen({ problems, busy, onCheckAgain }: ConfigurationScreenProps) {
  return (
    <Screen title="Okta settings needed" intro="The app cannot sign in until it knows which Okta org to use.">
      <div role="alert" className="messages" data-first-error tabIndex={-1}>
        <div className="message message--error">
          <p className="problems__lead">
            <strong className="message__level">Error:</strong> The Okta settings are missing or invalid:
          </p>
          <ul className="problems">
            {problems.map((problem, i) => (
              <li key={i}>{problem}</li>
            ))}
          </ul>
        </div>
      </div>
      <h2 className="card__subtitle">How to fix it</h2>
      <ol className="steps">
        <li>
          Copy <code>.env.example</code> to <code>.env</code> in the app folder.
        </li>
        <li>
          Set <code>OKTA_ISSUER</code>, <code>OKTA_CLIENT_ID</code> and <code>OKTA_REDIRECT_URI</code> to the values of
          your Okta app integration (or export them in your shell).
        </li>
        <li>Restart the app.</li>
      </ol>
      <div className="actions">
        <button type="button" className="button" disabled={busy} onClick={onCheckAgain}>
          Check again
        </button>
      </div>
    </Screen>
  );
}
