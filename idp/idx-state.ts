/**
 * Renders a transaction's current step as the IDX document Okta would return for it.
 * `FormErrors` puts messages where Okta does: top-level `messages` and field-level ones.
 */
import {
  EMAIL_AUTHENTICATOR_ID,
  PASSWORD_AUTHENTICATOR_ID,
  MESSAGES,
  authenticatorOption,
  cancelAction,
  emailEnrollment,
  identifierField,
  maskEmail,
  messages,
  passcodeField,
  passwordAuthenticator,
  passwordEnrollment,
  remediationForm,
  terminalDocument,
  typed,
  type IdxDoc,
  type IdxMessage,
} from './idx-documents';
import type { Transaction } from './transactions';
import type { UserRecord } from './users';
import type { SignInPolicy } from './types';

export interface RenderEnv {
  origin: string;
  policy: SignInPolicy;
  clientId: string;
}

export interface FormErrors {
  top?: IdxMessage[];
  identifier?: IdxMessage[];
  passcode?: IdxMessage[];
}

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

/** True when the user has an authenticator besides the password: the org then asks for MFA. */
export function hasOtherFactors(user: UserRecord | undefined): boolean {
  return !!user && user.factors.some((f) => f !== 'password');
}

function remediations(env: RenderEnv, tx: Transaction, user: UserRecord | undefined, errors: FormErrors): { list: IdxDoc[]; parts: IdxDoc } {
  const { origin } = env;
  const sh = tx.stateHandle;
  const email = maskEmail(String(user?.profile.email ?? user?.login ?? ''));
  switch (tx.step) {
    case 'identify': {
      const fields = [identifierField(errors.identifier)];
      if (env.policy === 'one-page') fields.push(passcodeField('Password', errors.passcode));
      fields.push({ name: 'rememberMe', type: 'boolean', label: 'Remember this device' });
      return {
        list: [remediationForm(origin, 'identify', '/idp/idx/identify', sh, fields)],
        parts: env.policy === 'one-page' ? { currentAuthenticator: typed(passwordAuthenticator(false)) } : {},
      };
    }
    case 'select-authenticator':
      return {
        list: [
          remediationForm(origin, 'select-authenticator-authenticate', '/idp/idx/challenge', sh, [
            {
              name: 'authenticator',
              type: 'object',
              options: [
                authenticatorOption('Password', PASSWORD_AUTHENTICATOR_ID, 'password', '$.authenticatorEnrollments.value[0]'),
                authenticatorOption('Email', EMAIL_AUTHENTICATOR_ID, 'email', '$.authenticatorEnrollments.value[1]'),
              ],
            },
          ]),
        ],
        parts: { authenticatorEnrollments: typed([passwordEnrollment(), emailEnrollment(email)], 'array') },
      };
    case 'challenge-password':
      return {
        list: [
          remediationForm(origin, 'challenge-authenticator', '/idp/idx/challenge/answer', sh, [passcodeField('Password', errors.passcode)], [
            '$.currentAuthenticatorEnrollment',
          ]),
        ],
        parts: {
          currentAuthenticatorEnrollment: typed(passwordEnrollment()),
          authenticatorEnrollments: typed([passwordEnrollment()], 'array'),
        },
      };
    case 'reenroll':
    case 'reenroll-warning': {
      const name = tx.step === 'reenroll' ? 'reenroll-authenticator' : 'reenroll-authenticator-warning';
      const list = [
        remediationForm(origin, name, '/idp/idx/challenge/answer', sh, [passcodeField('New password', errors.passcode)], [
          '$.currentAuthenticator',
        ]),
      ];
      if (tx.step === 'reenroll-warning') list.push(remediationForm(origin, 'skip', '/idp/idx/skip', sh, []));
      return {
        list,
        parts: {
          currentAuthenticator: typed(passwordAuthenticator(true)),
          authenticatorEnrollments: typed([passwordEnrollment()], 'array'),
        },
      };
    }
    case 'mfa-select':
      return {
        list: [
          remediationForm(origin, 'select-authenticator-authenticate', '/idp/idx/challenge', sh, [
            {
              name: 'authenticator',
              type: 'object',
              options: [authenticatorOption('Email', EMAIL_AUTHENTICATOR_ID, 'email', '$.authenticatorEnrollments.value[0]')],
            },
          ]),
        ],
        parts: { authenticatorEnrollments: typed([emailEnrollment(email)], 'array') },
      };
    case 'mfa-challenge':
      return {
        list: [
          remediationForm(origin, 'challenge-authenticator', '/idp/idx/challenge/answer', sh, [passcodeField('Enter code', errors.passcode)], [
            '$.currentAuthenticatorEnrollment',
          ]),
        ],
        parts: {
          currentAuthenticatorEnrollment: typed(emailEnrollment(email)),
          authenticatorEnrollments: typed([emailEnrollment(email)], 'array'),
        },
      };
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
  const { list, parts } = remediations(env, tx, user, errors);
  const top = [...(errors.top ?? [])];
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
