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
  type IdxDoc,
  type IdxMessage,
} from './idx-documents';
import { oktaPassword } from './authenticators/okta-password';
import { emailEnrollment } from './authenticators/okta-email';
import { enrollChoices, recoveryChoices, verifyChoices } from './authenticators/policy';
import { ALL_AUTHENTICATORS, factorModule } from './authenticators/registry';
import type { AuthenticatorDocs, AuthenticatorKey, Enrollment, FactorContext, FactorEnv, Phase } from './authenticators/types';
import type { Transaction } from './transactions';
import type { UserRecord } from './users';
import type { SignInPolicy } from './types';

export interface RenderEnv {
  origin: string;
  policy: SignInPolicy;
  clientId: string;
  factors: FactorEnv;
  /** Password recovery's authenticators, in the org's order; empty: no "Forgot password?" (`recover`). */
  recovery?: { authenticators: ReadonlyArray<AuthenticatorKey>; signsIn: boolean };
  /** The org's identity providers: a `redirect-idp` each on the identify step. */
  identityProviders?: ReadonlyArray<{ id: string; name: string; type: string }>;
}

export interface FormErrors {
  top?: IdxMessage[];
  identifier?: IdxMessage[];
  passcode?: IdxMessage[];
  /** Field-level messages of a factor's own form, by field name. */
  fields?: Record<string, IdxMessage[]>;
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
  return tx.flow === 'recover' ? recoveryChoices(user, env.recovery?.authenticators ?? []) : verifyChoices(user, tx);
}

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
  const listed = tx.flow === 'recover' ? choices : phase === 'verify' ? enrolledList(user) : choices;
  const options = choices.map((m) => ({
    label: m.displayName,
    value: { form: { value: [{ name: 'id', required: true, value: m.authenticatorId, mutable: false }, ...m.optionFields(phase, user)] } },
    relatesTo: `$.${phase === 'verify' ? 'authenticatorEnrollments' : 'authenticators'}.value[${listed.indexOf(m)}]`,
  }));
  const [name, path] = phase === 'verify' ? ['select-authenticator-authenticate', '/idp/idx/challenge'] : ['select-authenticator-enroll', '/idp/idx/credential/enroll'];
  const form = remediationForm(env.origin, name, path, tx.stateHandle, [{ name: 'authenticator', type: 'object', ...(phase === 'enroll' ? { required: true } : {}), options }]);
  const parts = tx.flow === 'recover' ? recoveryEnrollmentsPart(user, choices) : phase === 'verify' ? enrollmentsPart(user) : { authenticators: typed(choices.map((m) => m.authenticator(user)), 'array'), ...enrollmentsPart(user) };
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
      return {
        list: [remediationForm(origin, 'identify', '/idp/idx/identify', sh, fields), ...idps],
        parts: env.policy === 'one-page' || recover ? { currentAuthenticator: typed(oktaPassword.current(false, { recover })) } : {},
      };
    }
    case 'identify-recovery':
      // widget-playground/identify-recovery.json: who wants to reset, before anything is sent.
      return { list: [remediationForm(origin, 'identify-recovery', '/idp/idx/identify', sh, [identifierField(errors.identifier)])], parts: {} };
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
    ...(tx.step !== 'identify' || tx.userId ? { user: userObject(user) } : {}),
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
