/**
 * Renders a transaction's current step as the IDX document Okta would return for it.
 * `FormErrors` puts messages where Okta does: top-level `messages` and field-level ones.
 */
import {
  MESSAGES,
  cancelAction,
  identifierField,
  messages,
  passcodeField,
  remediationForm,
  terminalDocument,
  typed,
  type Field,
  type IdxDoc,
  type IdxMessage,
} from './documents';
import { oktaPassword } from '../authenticators/okta-password';
import { emailEnrollment } from '../authenticators/okta-email';
import { enrollChoices, recoveryChoices, verifyChoices } from '../authenticators/policy';
import { ALL_AUTHENTICATORS, factorModule } from '../authenticators/registry';
import type { AuthenticatorDocs, AuthenticatorKey, Enrollment, FactorContext, FactorEnv, Phase } from '../authenticators/types';
import type { Transaction } from './transactions';
import type { UserRecord } from '../org/users';
import type { SignInPolicy } from '../types';
import type { ProfileField, RegistrationPolicy, SelfServiceKey } from './self-service';

export interface RenderEnv {
  origin: string;
  /** The authorization server's issuer, for the `authentication` object Okta sends with some answers. */
  issuer: string;
  policy: SignInPolicy;
  clientId: string;
  factors: FactorEnv;
  /** Password recovery's authenticators, in the org's order; empty: no "Forgot password?" (`recover`). */
  recovery?: { authenticators: ReadonlyArray<SelfServiceKey>; signsIn: boolean };
  /** Account unlock's authenticators; empty or absent: no "Unlock account" (`unlock-account`). */
  unlock?: { authenticators: ReadonlyArray<SelfServiceKey> };
  /** Self-service registration; absent: no "Sign up" (`select-enroll-profile`). */
  registration?: RegistrationPolicy;
  /** The org's identity providers: a `redirect-idp` each on the identify step. */
  identityProviders?: ReadonlyArray<{ id: string; name: string; type: string }>;
}

export interface FormErrors {
  top?: IdxMessage[];
  identifier?: IdxMessage[];
  passcode?: IdxMessage[];
  /** Field-level messages of a factor's own form (or the sign-up form), by field name. */
  fields?: Record<string, IdxMessage[]>;
  /**
   * Who a refused identify named: Okta echoes it as `user.value.identifier` (and, for a username
   * it does not know, adds the `authentication` request), captured/idp_idx_identify_error-*.json.
   */
  identified?: { identifier: string; unknown: boolean };
  /** What the sign-up form had in it, sent back as the fields' values when it is refused. */
  profile?: Record<string, string | boolean>;
}

/** Days left before a PASSWORD_WARN user's password expires (`settings.daysToExpiry`). */
export const PASSWORD_WARN_DAYS = 4;

function userObject(user: UserRecord | undefined): unknown {
  if (!user) return typed({});
  const { given_name, family_name, locale, zoneinfo } = user.profile;
  return typed({
    id: user.id,
    identifier: user.login,
    profile: {
      firstName: given_name ?? null,
      lastName: family_name ?? null,
      timeZone: zoneinfo ?? 'UTC',
      locale: locale ?? 'en_US',
    },
  });
}

/** The user's enrolled authenticators, in the org's order: `authenticatorEnrollments`. */
function enrolledList(user: UserRecord): AuthenticatorDocs[] {
  return ALL_AUTHENTICATORS.filter((m) => user.enrollments.has(m.key));
}

function enrollmentsPart(user: UserRecord): IdxDoc {
  return {
    authenticatorEnrollments: typed(
      enrolledList(user).map((m) => m.enrollment(user, user.enrollments.get(m.key)!)),
      'array',
    ),
  };
}

/** Recovery: `authenticatorEnrollments` of the authenticators offered, the primary email included. */
function recoveryEnrollmentsPart(user: UserRecord, choices: AuthenticatorDocs[]): IdxDoc {
  const enrollmentFor = (key: AuthenticatorKey): Enrollment => (key === 'okta_email' ? emailEnrollment(user) : user.enrollments.get(key)!);
  return { authenticatorEnrollments: typed(choices.map((m) => m.enrollment(user, enrollmentFor(m.key))), 'array') };
}

/** The authenticators this transaction may verify now: recovery's while recovering, else the sign-in policy's. */
export function choicesToVerify(env: RenderEnv, tx: Transaction, user: UserRecord): AuthenticatorDocs[] {
  if (tx.flow === 'recover') return recoveryChoices(user, env.recovery?.authenticators ?? []);
  if (tx.flow === 'unlock') return recoveryChoices(user, env.unlock?.authenticators ?? []);
  return verifyChoices(user, tx);
}

/** Recovery and unlock prove who someone is without the password: what they list is not the sign-in policy's. */
const selfService = (tx: Transaction) => tx.flow === 'recover' || tx.flow === 'unlock';

/** The `recover` action ("Forgot password?") Okta puts on the password's current authenticator, when the org allows recovery. */
function recoverAction(env: RenderEnv, tx: Transaction): IdxDoc | undefined {
  if (!env.recovery?.authenticators.length || tx.flow === 'recover') return undefined;
  return remediationForm(env.origin, 'recover', '/idp/idx/recover', tx.stateHandle, []);
}

/**
 * select-authenticator-authenticate (options relate to `authenticatorEnrollments`) or
 * select-authenticator-enroll (options relate to `authenticators`, listed in `parts`).
 */
function selectForm(env: RenderEnv, tx: Transaction, user: UserRecord, phase: Phase, choices: AuthenticatorDocs[]): { form: IdxDoc; parts: IdxDoc } {
  // Recovery lists what can prove the person, the primary email among them even when not enrolled.
  const listed = selfService(tx) ? choices : phase === 'verify' ? enrolledList(user) : choices;
  const options = choices.map((m) => ({
    label: m.displayName,
    value: { form: { value: [{ name: 'id', required: true, value: m.authenticatorId, mutable: false }, ...m.optionFields(phase, user)] } },
    relatesTo: `$.${phase === 'verify' ? 'authenticatorEnrollments' : 'authenticators'}.value[${listed.indexOf(m)}]`,
  }));
  const [name, path] = phase === 'verify' ? ['select-authenticator-authenticate', '/idp/idx/challenge'] : ['select-authenticator-enroll', '/idp/idx/credential/enroll'];
  const form = remediationForm(env.origin, name, path, tx.stateHandle, [{ name: 'authenticator', type: 'object', ...(phase === 'enroll' ? { required: true } : {}), options }]);
  const parts = selfService(tx) ? recoveryEnrollmentsPart(user, choices) : phase === 'verify' ? enrollmentsPart(user) : { authenticators: typed(choices.map((m) => m.authenticator(user)), 'array'), ...enrollmentsPart(user) };
  return { form, parts };
}

interface Rendered {
  list: IdxDoc[];
  parts: IdxDoc;
  messages?: IdxMessage[];
}

function passwordStep(env: RenderEnv, tx: Transaction, user: UserRecord | undefined, errors: FormErrors): Rendered {
  const sh = tx.stateHandle;
  const list = [
    remediationForm(env.origin, 'challenge-authenticator', '/idp/idx/challenge/answer', sh, [passcodeField('Password', errors.passcode)], [
      '$.currentAuthenticatorEnrollment',
    ]),
  ];
  const password = user?.enrollments.get('okta_password');
  const recover = recoverAction(env, tx);
  const enrollment = password && user ? oktaPassword.enrollment(user, password) : {};
  const parts: IdxDoc = { currentAuthenticatorEnrollment: typed(recover ? { recover, ...enrollment } : enrollment) };
  const choices = user ? verifyChoices(user, tx) : [];
  if (!user || choices.length < 2) return { list, parts: { ...parts, ...(user ? enrollmentsPart(user) : {}) } };
  // Identifier-first with another factor on offer: "verify with something else" here too.
  const select = selectForm(env, tx, user, 'verify', choices);
  return { list: [...list, select.form], parts: { ...parts, ...select.parts } };
}

/** widget-playground/user-unlock-account.json: who is locked out, and how they prove it, in one form. */
function unlockStep(env: RenderEnv, tx: Transaction, errors: FormErrors): Rendered {
  const modules = (env.unlock?.authenticators ?? []).flatMap((key) => (factorModule(key) ? [factorModule(key)!] : []));
  const options = modules.map((m, i) => ({
    label: m.displayName,
    value: { form: { value: [{ name: 'id', required: true, value: m.authenticatorId, mutable: false }, { name: 'methodType', required: false, value: m.type === 'phone' ? 'sms' : m.type, mutable: false }] } },
    relatesTo: `$.authenticators.value[${i}]`,
  }));
  const form = remediationForm(env.origin, 'select-authenticator-unlock-account', '/idp/idx/challenge', tx.stateHandle, [
    identifierField(errors.identifier),
    { name: 'authenticator', type: 'object', options },
  ]);
  return { list: [form], parts: { authenticators: typed(modules.map((m) => m.authenticator(undefined)), 'array') } };
}

function profileField(field: ProfileField, value: string | boolean | undefined, fieldMessages: IdxMessage[] | undefined): Field {
  return {
    name: field.name,
    type: field.type,
    label: field.label,
    ...(field.required && { required: true }),
    ...(field.minLength !== undefined && { minLength: field.minLength }),
    ...(field.maxLength !== undefined && { maxLength: field.maxLength }),
    ...(field.options && { options: field.options }),
    ...(value !== undefined && value !== '' && { value }),
    ...(fieldMessages?.length && { messages: messages(fieldMessages) }),
  };
}

/** widget-playground/enroll-profile-new.json: the org's sign-up form, its refusals on their fields. */
function profileStep(env: RenderEnv, tx: Transaction, errors: FormErrors): Rendered {
  const fields = (env.registration?.fields ?? []).map((f) => profileField(f, errors.profile?.[f.name], errors.fields?.[f.name]));
  return { list: [remediationForm(env.origin, 'enroll-profile', '/idp/idx/enroll/new', tx.stateHandle, [{ name: 'userProfile', form: { value: fields } }])], parts: {} };
}

function factorStep(env: RenderEnv, tx: Transaction, user: UserRecord, errors: FormErrors): Rendered {
  const factor = tx.factor;
  const module = factor && factorModule(factor.key);
  if (!factor || !module) return { list: [], parts: {} };
  const ctx: FactorContext = { env: env.factors, tx: tx as FactorContext['tx'], user };
  const own = module.render(ctx, { top: errors.top, fields: { ...errors.fields, ...(errors.passcode ? { passcode: errors.passcode } : {}) } });
  const choices = factor.phase === 'verify' ? choicesToVerify(env, tx, user) : enrollChoices(user, tx).choices;
  const select = selectForm(env, tx, user, factor.phase, choices.includes(module) ? choices : [...choices, module]);
  return { list: [...own.remediation, select.form], parts: { ...select.parts, ...own.parts }, messages: own.messages };
}

function remediations(env: RenderEnv, tx: Transaction, user: UserRecord | undefined, errors: FormErrors): Rendered {
  const { origin } = env;
  const sh = tx.stateHandle;
  switch (tx.step) {
    case 'identify': {
      const fields = [identifierField(errors.identifier)];
      if (env.policy === 'one-page') fields.push(passcodeField('Password', errors.passcode));
      fields.push({ name: 'rememberMe', type: 'boolean', label: 'Remember this device' });
      // Okta's shape (widget-playground/identify-with-third-party-idps.json): a GET to the IdP with the state token.
      const idps = (env.identityProviders ?? []).map((idp) => ({
        name: 'redirect-idp',
        type: idp.type,
        idp: { id: idp.id, name: idp.name },
        href: `${origin}/sso/idps/${idp.id}?stateToken=${encodeURIComponent(sh)}`,
        method: 'GET',
      }));
      // Okta sends the password's `currentAuthenticator` with `recover` on identify whenever the org
      // allows recovery (captured/idp_idx_introspect_default.json), so "Forgot password?" can show.
      const recover = recoverAction(env, tx);
      // Sign-up and unlock are remediations of their own beside identify (captured/idp_idx_identify_error-*.json).
      const selfServe = [
        ...(env.registration ? [remediationForm(origin, 'select-enroll-profile', '/idp/idx/enroll', sh, [])] : []),
        ...(env.unlock?.authenticators.length ? [remediationForm(origin, 'unlock-account', '/idp/idx/unlock-account', sh, [])] : []),
      ];
      return {
        list: [remediationForm(origin, 'identify', '/idp/idx/identify', sh, fields), ...idps, ...selfServe],
        parts: env.policy === 'one-page' || recover ? { currentAuthenticator: typed(oktaPassword.current(false, { recover })) } : {},
      };
    }
    case 'identify-recovery':
      // widget-playground/identify-recovery.json: who wants to reset, before anything is sent.
      return { list: [remediationForm(origin, 'identify-recovery', '/idp/idx/identify', sh, [identifierField(errors.identifier)])], parts: {} };
    case 'select-unlock':
      return unlockStep(env, tx, errors);
    case 'enroll-profile':
      return profileStep(env, tx, errors);
    case 'enroll-password':
      // widget-playground/authenticator-enroll-password.json: the new user's password, with the org's rules.
      return {
        list: [remediationForm(origin, 'enroll-authenticator', '/idp/idx/challenge/answer', sh, [passcodeField('Enter password', errors.passcode)], ['$.currentAuthenticator'])],
        parts: { currentAuthenticator: typed(oktaPassword.current(true)) },
      };
    case 'reset-password':
      // widget-playground/authenticator-reset-password.json: the new password, with the org's rules.
      return {
        list: [remediationForm(origin, 'reset-authenticator', '/idp/idx/challenge/answer', sh, [passcodeField('New password', errors.passcode)], ['$.currentAuthenticator'])],
        parts: { currentAuthenticator: typed(oktaPassword.current(true)) },
      };
    case 'select-authenticator': {
      if (!user) return { list: [], parts: {} };
      const select = selectForm(env, tx, user, 'verify', choicesToVerify(env, tx, user));
      return { list: [select.form], parts: select.parts };
    }
    case 'select-enroll': {
      if (!user) return { list: [], parts: {} };
      const { choices, canSkip } = enrollChoices(user, tx);
      const select = selectForm(env, tx, user, 'enroll', choices);
      const list = canSkip ? [select.form, remediationForm(origin, 'skip', '/idp/idx/skip', sh, [])] : [select.form];
      return { list, parts: select.parts };
    }
    case 'challenge-password':
      return passwordStep(env, tx, user, errors);
    case 'reenroll':
    case 'reenroll-warning': {
      const name = tx.step === 'reenroll' ? 'reenroll-authenticator' : 'reenroll-authenticator-warning';
      const list = [
        remediationForm(origin, name, '/idp/idx/challenge/answer', sh, [passcodeField('New password', errors.passcode)], [
          '$.currentAuthenticator',
        ]),
      ];
      if (tx.step === 'reenroll-warning') list.push(remediationForm(origin, 'skip', '/idp/idx/skip', sh, []));
      // Okta's expiry warning says how many days are left (captured/idp_idx_identify_authenticator-expiry-warning-password.json).
      const current = oktaPassword.current(true, tx.step === 'reenroll-warning' ? { daysToExpiry: PASSWORD_WARN_DAYS } : {});
      return { list, parts: { currentAuthenticator: typed(current), ...(user ? enrollmentsPart(user) : {}) } };
    }
    case 'factor':
      return user ? factorStep(env, tx, user, errors) : { list: [], parts: {} };
    case 'success':
    case 'terminal':
      return { list: [], parts: {} };
  }
}

/** The authorization request behind the transaction, as Okta describes it (captured/idp_idx_identify_error-invalid-username.json). */
function authenticationObject(env: RenderEnv, tx: Transaction): unknown {
  return typed({
    protocol: 'OAUTH2.0',
    issuer: { id: 'ausEmulatorDefault01', name: 'default', uri: env.issuer },
    request: {
      max_age: -1,
      scope: tx.scopes.join(' '),
      response_type: 'code',
      redirect_uri: tx.redirectUri,
      ...(tx.state !== undefined && { state: tx.state }),
      code_challenge_method: 'S256',
      code_challenge: tx.codeChallenge,
      response_mode: 'query',
    },
  });
}

export function renderState(env: RenderEnv, tx: Transaction, user: UserRecord | undefined, errors: FormErrors = {}): IdxDoc {
  const expiresAt = new Date(tx.expiresAt).toISOString();
  if (tx.step === 'terminal') {
    return terminalDocument(tx.terminalMessages ?? [], { stateHandle: tx.stateHandle, expiresAt });
  }
  const { list, parts, messages: stateMessages } = remediations(env, tx, user, errors);
  const top = [...(stateMessages ?? []), ...(errors.top ?? [])];
  if (tx.step === 'reenroll-warning' && top.length === 0) top.push(MESSAGES.passwordExpiring());
  const doc: IdxDoc = {
    version: '1.0.0',
    stateHandle: tx.stateHandle,
    expiresAt,
    intent: 'LOGIN',
    ...(list.length ? { remediation: typed(list, 'array') } : {}),
    ...(top.length ? { messages: messages(top) } : {}),
    ...parts,
    ...(errors.identified && !user ? { user: typed({ identifier: errors.identified.identifier }) } : tx.step !== 'identify' || tx.userId ? { user: userObject(user) } : {}),
    ...(errors.identified?.unknown && { authentication: authenticationObject(env, tx) }),
    cancel: cancelAction(env.origin, tx.stateHandle),
    app: typed({ name: 'oidc_client', label: 'Desktop App (emulator)', id: env.clientId }),
  };
  if (tx.step === 'success' && tx.interactionCode) {
    doc.successWithInteractionCode = {
      rel: ['create-form'],
      name: 'issue',
      href: `${env.origin}/oauth2/default/v1/token`,
      method: 'POST',
      value: [
        { name: 'grant_type', required: true, value: 'interaction_code' },
        { name: 'interaction_code', required: true, value: tx.interactionCode },
        { name: 'client_id', required: true, value: env.clientId },
        { name: 'code_verifier', required: true },
      ],
      accepts: 'application/x-www-form-urlencoded',
    };
  }
  return doc;
}
