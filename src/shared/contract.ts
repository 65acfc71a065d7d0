/**
 * The one IPC contract between the renderer and the main process.
 *
 * The preload implements `DesktopAuthApi` (one method per action, nothing raw) and main handles
 * every channel in `CHANNELS`; both sides are checked against these types by the compiler.
 * This file has no runtime dependencies: it is imported by main, preload, renderer and tests.
 *
 * Tokens never cross this boundary. The renderer sees the user's profile and a description of
 * what to show next; everything secret stays in the main process.
 *
 * Words are `Text` (./i18n/text.ts): the app's own are message ids the renderer formats in the
 * person's language; the org's own (its messages, labels, question) are strings shown as sent.
 */
import type { Message, Text } from './i18n/text';

export type { Message, MessageId, MessageValue, Text } from './i18n/text';

/** Where the preload exposes the API on `window`. */
export const BRIDGE_GLOBAL = 'desktopAuth' as const;

/** Upper bounds on what the renderer may send; main rejects anything longer. */
export const INPUT_LIMITS = {
  username: 256,
  password: 512,
  stepName: 64,
  fieldName: 64,
  fieldValue: 512,
  fieldsPerStep: 16,
} as const;

/** Claims from `/v1/userinfo` that the app shows. Unknown claims are dropped by main. */
export interface UserProfile {
  readonly sub: string;
  readonly name?: string;
  readonly given_name?: string;
  readonly family_name?: string;
  readonly preferred_username?: string;
  readonly email?: string;
  readonly email_verified?: boolean;
  readonly locale?: string;
  readonly zoneinfo?: string;
  readonly updated_at?: number;
}

export type MessageLevel = 'error' | 'warning' | 'info';

/** A message from the org (its words, as sent) or the app (a catalog message) to show the user. */
export interface UiMessage {
  readonly level: MessageLevel;
  readonly text: Text;
  /** The input it concerns, when the org tied it to one. */
  readonly field?: string;
}

export type StepInputType = 'text' | 'password' | 'checkbox' | 'select' | 'tel';

/** One field of a next step, enough for the renderer to draw a labelled control. */
export interface StepInput {
  readonly name: string;
  /** The org's label, or the app's when the org sends none. */
  readonly label: Text;
  readonly type: StepInputType;
  readonly required: boolean;
  /** Secret values are never echoed back, logged, or kept after submit. */
  readonly secret: boolean;
  readonly autocomplete?: 'username' | 'current-password' | 'new-password' | 'one-time-code' | 'tel' | 'email' | 'given-name' | 'family-name' | 'off';
  readonly options?: ReadonlyArray<{ readonly label: Text; readonly value: string }>;
}

/**
 * How the renderer draws a step: one component per kind, whatever the authenticator. A new
 * authenticator is new data (labels, inputs, hints), not a new screen.
 */
export type StepKind =
  /** Fields to fill in: identify, password, new password, an email or number for an activation link. */
  | 'form'
  /** A one-time code: email, SMS, voice call, Google Authenticator, Okta Verify's code. */
  | 'code'
  /** One of the options the org offers: which authenticator, SMS or voice, how to set up Okta Verify. */
  | 'choice'
  /** Waiting for something that happens elsewhere (a push approved on the phone, the email's link). Main polls. */
  | 'poll'
  /** Set up an authenticator app from a QR code or its setup key, then enter its code or wait. */
  | 'qr-enrollment'
  /** A phone number to enrol, with how to receive codes (SMS or voice). */
  | 'phone'
  /** Answer the security question; when enrolling, choose one or write one's own. */
  | 'question';

/** The authenticator a step concerns, as the org names it. */
export interface StepAuthenticator {
  /** Okta's key: `okta_email`, `phone_number`, `google_otp`, `okta_verify`, `security_question`, `okta_password`. */
  readonly key: string;
  readonly label: Text;
}

/**
 * What an authenticator app needs to be set up. A secret: shown in the window, never logged,
 * never stored, and gone from the view as soon as the step ends.
 */
export interface EnrollmentSecret {
  /** A `data:image/png;base64,…` QR code. */
  readonly qrCode?: string;
  /** The shared secret as text, for typing into the app by hand. */
  readonly setupKey?: string;
}

/** The next thing the org asks for (an IDX remediation), described as data for one component per kind. */
export interface NextStep {
  /** The remediation name, e.g. `identify`, `challenge-authenticator`, `reenroll-authenticator`. */
  readonly name: string;
  /** Which component draws it; absent means `form` (views from before step kinds). */
  readonly kind?: StepKind;
  readonly title: Text;
  /** One sentence under the title, e.g. where the code was sent ("We sent a code to a•••@example.com"). */
  readonly description?: Text;
  readonly authenticator?: StepAuthenticator;
  readonly inputs: ReadonlyArray<StepInput>;
  /** True when the org offers to skip this step (e.g. a password-expiry warning, an optional enrollment). */
  readonly canSkip: boolean;
  /** The org offers to send the code again (`resend`); absent when it does not. */
  readonly canResend?: boolean;
  /** The org offers other authenticators instead of this one ("Verify with something else"). */
  readonly canChooseAnother?: boolean;
  /** Poll steps: main is polling; this is only for the renderer to say so. */
  readonly polling?: boolean;
  /** Okta Verify's number challenge: the number to tap on the phone. */
  readonly numberChallenge?: string;
  /** qr-enrollment steps only. */
  readonly enrollment?: EnrollmentSecret;
  /** The org offers password recovery from this step ("Forgot password?": the `recover` action). */
  readonly canRecover?: boolean;
  /**
   * A new password is asked for: the org's rules, one sentence each ("At least 8 characters"),
   * shown before typing; the renderer asks for it twice.
   */
  readonly passwordRules?: ReadonlyArray<Text>;
  /** An expiry warning: days until the password expires (`settings.daysToExpiry`). */
  readonly daysToExpiry?: number;
}

/**
 * The org's look, from the app's configuration (OKTA_ORG_*): shown in the window title, the
 * sign-in card and the help links. Every field is optional; without them the app has its own look.
 */
export interface Branding {
  /** The org's name as people know it, e.g. "Acme". */
  readonly orgName?: string;
  /** The org's logo as a `data:image/…;base64,` URL: checked (an image by its bytes, bounded) and cached by main. */
  readonly logo?: string;
  /** `#rrggbb`: the org's colour for buttons, links and the focus ring. */
  readonly accentColor?: string;
  /** The org's help page (https), for people who are stuck (locked out, not allowed). */
  readonly helpUrl?: string;
}

/** What the org lets a person do on their own from the sign-in screen. */
export interface SelfServiceOffers {
  /** "Forgot password?" (the org sends `recover` on its identify step). */
  readonly recoverPassword?: boolean;
  /** "Unlock account" (the org sends `unlock-account` beside identify). */
  readonly unlockAccount?: boolean;
  /** "Sign up" (the org sends `select-enroll-profile` beside identify). */
  readonly register?: boolean;
}

/**
 * Why a sign-in cannot go on: the account is locked (the org refuses its password as suspended), the org does not let it sign in here
 * (suspended, deactivated, not allowed by policy: Okta does not say which), or the sign-in took too long.
 */
export type TerminalReason = 'locked-out' | 'access-denied' | 'session-expired';

export type FailureCode =
  | 'network' // the IdP could not be reached or did not answer in time
  | 'rate-limited' // the IdP answered 429
  | 'idp-error' // the IdP answered with an error or something unreadable
  | 'invalid-token' // tokens failed verification (signature, issuer, audience, expiry)
  | 'configuration' // the app's Okta settings are wrong for this org
  | 'internal';

export type TokenStorage =
  /** Tokens are encrypted with the OS keychain and kept across launches. */
  | 'encrypted'
  /** Encryption is unavailable: the session lives in memory and ends with the app. */
  | 'memory-only';

/**
 * Where this build reads its Okta settings, so the needs-configuration screen gives the steps for
 * the build in use (main knows; the renderer never guesses).
 */
export type SettingsLocation =
  /** A development run: a `.env` file (this path) and the environment. */
  | { readonly kind: 'development'; readonly envFile: string }
  /**
   * A released (packaged) build: `file` is the person's own config.json, in `folder` (which
   * `openConfigurationFolder` opens); `machineFile`, the one beside the installed app for every user.
   */
  | { readonly kind: 'packaged'; readonly file: string; readonly folder: string; readonly machineFile?: string };

/** Whether the system's file manager could be asked to show a folder. */
export interface FolderOpened {
  readonly opened: boolean;
}

/** Everything the renderer needs to draw the current screen. */
export type AuthView =
  | { readonly status: 'needs-configuration'; readonly problems: ReadonlyArray<Text>; readonly location: SettingsLocation }
  | {
      readonly status: 'signed-out';
      readonly messages: ReadonlyArray<UiMessage>;
      /** What the org offers besides signing in; absent until main has asked the org (or when it offers nothing). */
      readonly offers?: SelfServiceOffers;
    }
  | {
      readonly status: 'pending';
      readonly step: NextStep;
      readonly messages: ReadonlyArray<UiMessage>;
    }
  | {
      /** The org needs a step this password-only app cannot do (for example MFA). */
      readonly status: 'unsupported';
      readonly messages: ReadonlyArray<UiMessage>;
    }
  | {
      /**
       * Signing in continues in the system browser; main waits for its answer (one at a time, a
       * few minutes at most) and pushes the next view. Nothing of the request (its URL, state or
       * PKCE verifier) is here: "open again" asks main to reopen it.
       */
      readonly status: 'browser';
      readonly messages: ReadonlyArray<UiMessage>;
    }
  | {
      readonly status: 'terminal';
      readonly messages: ReadonlyArray<UiMessage>;
      /** Why, when the org's message says: the renderer then tells the person what happened and what to do. */
      readonly reason?: TerminalReason;
      /** What the org offers on its own (a locked-out person may unlock their account); as on `signed-out`. */
      readonly offers?: SelfServiceOffers;
    }
  | {
      readonly status: 'failure';
      readonly code: FailureCode;
      readonly message: Text;
      readonly retryAfterSeconds?: number;
    }
  | {
      readonly status: 'signed-in';
      readonly profile: UserProfile;
      readonly storage: TokenStorage;
      readonly messages: ReadonlyArray<UiMessage>;
      /**
       * True while the sign-in service cannot be reached: the profile shown is the last one stored
       * and the session is kept. Cleared (with a state-changed event) once a call succeeds again.
       * Absent means online.
       */
      readonly offline?: boolean;
      /** When this sign-in happened and when its access token expires (epoch seconds), for the technical details. */
      readonly times?: SessionTimes;
    };

/** Times of the session, never the tokens themselves. */
export interface SessionTimes {
  /** The id token's `auth_time`: when the person signed in at the org. */
  readonly signedInAt?: number;
  /** When the access token expires; the app renews it before then. */
  readonly accessTokenExpiresAt?: number;
}

export type AuthStatus = AuthView['status'];

/** Why a call to the app's own API gave no data: a fixed catalog message for the code, never the API's words. */
export interface ApiFailure {
  readonly code: FailureCode;
  readonly message: Message;
  readonly retryAfterSeconds?: number;
}

/** One task of the demo resource (the API at `OKTA_API_URL`, `GET /api/tasks`). */
export interface ApiTask {
  readonly id: string;
  readonly title: string;
  readonly done: boolean;
}

/** The home screen's API panel: the signed-in user's tasks, read by main with the session's access token. */
export type ApiTasksView =
  | { readonly status: 'loaded'; readonly owner: string; readonly tasks: ReadonlyArray<ApiTask> }
  /** No `OKTA_API_URL`: the app has no API to call, and shows no panel. */
  | { readonly status: 'not-configured' }
  /** The session ended on the way (its refresh was refused); main also pushes the signed-out view. */
  | { readonly status: 'signed-out' }
  | ({ readonly status: 'failed' } & ApiFailure);

export interface SignInRequest {
  readonly username: string;
  readonly password: string;
}

/** Sign in in the system browser (RFC 8252), optionally straight at one of the org's identity providers. */
export interface BrowserSignInRequest {
  /** An identity provider id of the org (`0oa…`), as its `redirect-idp` names it. */
  readonly idp?: string;
}

export interface RecoverPasswordRequest {
  /** What the person typed as username, so the org need not ask again. */
  readonly username?: string;
}

export interface UnlockAccountRequest {
  /** What the person typed as username, so the org's form starts with it. */
  readonly username?: string;
}

export interface ProceedRequest {
  /** The step being answered; a stale answer (the step has moved on) is rejected. */
  readonly step: string;
  readonly values: Readonly<Record<string, string | boolean>>;
}

export type BridgeErrorCode =
  | 'invalid-request' // the payload failed validation
  | 'wrong-state' // the call does not fit the current screen (e.g. proceed when signed out)
  | 'busy' // another sign-in call is still running
  | 'forbidden' // the call came from a frame that may not use the bridge
  | 'internal';

export interface BridgeError {
  readonly code: BridgeErrorCode;
  /** For developers and logs, in English; the renderer says what `code` means in the person's language. */
  readonly message: string;
}

/**
 * Errors thrown across Electron IPC lose their type, so every call resolves to a result.
 */
export type BridgeResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: BridgeError };

/** Request and response of every action, keyed by method name. */
export interface BridgeMethods {
  getState: { request: void; response: AuthView };
  signIn: { request: SignInRequest; response: AuthView };
  proceed: { request: ProceedRequest; response: AuthView };
  skip: { request: void; response: AuthView };
  /** Send the current step's code again (only when the step says `canResend`). */
  resend: { request: void; response: AuthView };
  /** Show the other authenticators the org offers (only when the step says `canChooseAnother`). */
  chooseAnother: { request: void; response: AuthView };
  /** Continue (or start) signing in in the system browser; the view becomes `browser`. */
  signInWithBrowser: { request: BrowserSignInRequest; response: AuthView };
  /** Open the browser sign-in page again (only in the `browser` view). */
  reopenBrowser: { request: void; response: AuthView };
  /** "Forgot password?": starts the org's password recovery (only when it offers it). */
  recoverPassword: { request: RecoverPasswordRequest; response: AuthView };
  /** "Unlock account": starts the org's account unlock (only when it offers it). */
  unlockAccount: { request: UnlockAccountRequest; response: AuthView };
  /** "Sign up": starts the org's self-service registration (only when it offers it). */
  register: { request: void; response: AuthView };
  /** Ends the sign-in (at the org too); also stops waiting for the browser. */
  cancel: { request: void; response: AuthView };
  /**
   * Stops the call in flight (sign-in, a step's answer) at once: its request is aborted and no
   * further request is sent for it. The sign-in ends; answers with the view after it (the sign-in
   * form). Accepted while another call is running, which is its purpose; a no-op when none is.
   */
  abortCall: { request: void; response: AuthView };
  signOut: { request: void; response: AuthView };
  refreshProfile: { request: void; response: AuthView };
  /** The signed-in user's tasks from the app's API (tokens stay in main); only while signed in. */
  getTasks: { request: void; response: ApiTasksView };
  /** The org's look; empty until the app is configured, then the same for the whole run. */
  getBranding: { request: void; response: Branding };
  /**
   * "Check again" on the needs-configuration screen: main reads the settings again (files and
   * environment); valid ones start the app without a restart (the sign-in form), invalid ones
   * answer needs-configuration with the problems found now. Only on that screen.
   */
  checkConfiguration: { request: void; response: AuthView };
  /** Opens the folder of the person's config.json in the file manager (packaged builds, on the needs-configuration screen). */
  openConfigurationFolder: { request: void; response: FolderOpened };
}

export type BridgeMethod = keyof BridgeMethods;
/** What any method answers with. */
export type BridgeResponse = BridgeMethods[BridgeMethod]['response'];

/** IPC channel of each method. Main registers exactly these; preload invokes only these. */
export const CHANNELS = {
  getState: 'auth:get-state',
  signIn: 'auth:sign-in',
  proceed: 'auth:proceed',
  skip: 'auth:skip',
  resend: 'auth:resend',
  chooseAnother: 'auth:choose-another',
  signInWithBrowser: 'auth:sign-in-with-browser',
  reopenBrowser: 'auth:reopen-browser',
  recoverPassword: 'auth:recover-password',
  unlockAccount: 'auth:unlock-account',
  register: 'auth:register',
  cancel: 'auth:cancel',
  abortCall: 'auth:abort-call',
  signOut: 'auth:sign-out',
  refreshProfile: 'auth:refresh-profile',
  getTasks: 'api:get-tasks',
  getBranding: 'app:get-branding',
  checkConfiguration: 'app:check-configuration',
  openConfigurationFolder: 'app:open-configuration-folder',
} as const satisfies Record<BridgeMethod, string>;

type Channel = (typeof CHANNELS)[BridgeMethod];
type MethodOfChannel<C extends Channel> = { [M in BridgeMethod]: (typeof CHANNELS)[M] extends C ? M : never }[BridgeMethod];
/** What a call on `channel` answers: its method's response for a known channel, any response otherwise. */
export type ResponseOf<C extends string> = C extends Channel ? BridgeMethods[MethodOfChannel<C>]['response'] : BridgeResponse;

/** Events main pushes to the renderer. */
export const EVENTS = {
  stateChanged: 'auth:state-changed',
} as const;

type MethodSignature<M extends BridgeMethod> = BridgeMethods[M]['request'] extends void
  ? () => Promise<BridgeResult<BridgeMethods[M]['response']>>
  : (request: BridgeMethods[M]['request']) => Promise<BridgeResult<BridgeMethods[M]['response']>>;

/** What the renderer finds at `window[BRIDGE_GLOBAL]`. */
export type DesktopAuthApi = { readonly [M in BridgeMethod]: MethodSignature<M> } & {
  /** Called with the new view whenever main changes it on its own (refresh, expiry, sign-out). */
  readonly onStateChanged: (listener: (view: AuthView) => void) => () => void;
};
