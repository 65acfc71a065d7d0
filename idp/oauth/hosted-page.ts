/**
 * The emulator's hosted sign-in page, drawn on the server from the IDX document of the
 * transaction behind it: the org's own page that a browser sign-in (`/v1/authorize`) shows, in
 * plain HTML forms. What it can draw: the identify form (username, password), the choice of an
 * authenticator, a code, answer or new password, a phone method, skip, "send again", the org's
 * identity providers (`redirect-idp`) and a security key (WebAuthn, with a small script: the one
 * thing a form cannot do). Everything else (pushes, QR codes) says to use another way.
 */
import { createHash } from 'node:crypto';
import type { Field, IdxDoc, IdxMessage } from '../idx/documents';

export const ORG_NAME = 'Emulator';

/** The WebAuthn helper the page loads for a security-key step (served by authorize.ts). */
export const WEBAUTHN_SCRIPT_PATH = '/oauth2/default/v1/authorize/webauthn.js';

const STYLE = `
:root { color-scheme: light dark; font: 16px/1.5 system-ui, sans-serif; }
body { margin: 0; min-height: 100vh; display: grid; place-items: start center; background: Canvas; color: CanvasText; }
main { width: min(26rem, 100% - 2rem); margin: 3rem 1rem; padding: 2rem; border: 1px solid color-mix(in srgb, CanvasText 18%, transparent); border-radius: 12px; }
.org { margin: 0 0 .25rem; font-weight: 600; letter-spacing: .02em; opacity: .75; }
h1 { margin: 0 0 1rem; font-size: 1.5rem; line-height: 1.25; }
form { margin: 0 0 1rem; display: grid; gap: .75rem; }
label { display: grid; gap: .25rem; font-weight: 600; }
input, select { font: inherit; padding: .55rem .65rem; border: 1px solid color-mix(in srgb, CanvasText 40%, transparent); border-radius: 6px; background: Field; color: FieldText; }
button, .button { font: inherit; font-weight: 600; padding: .6rem 1rem; border-radius: 6px; border: 1px solid #1a5fb4; background: #1a5fb4; color: #fff; cursor: pointer; text-align: center; text-decoration: none; }
.secondary { background: transparent; color: inherit; border-color: color-mix(in srgb, CanvasText 40%, transparent); }
.link { background: none; border: none; padding: 0; color: LinkText; text-decoration: underline; font-weight: 400; justify-self: start; }
.error { padding: .6rem .8rem; border-left: 4px solid #c01c28; background: color-mix(in srgb, #c01c28 12%, transparent); }
.note { padding: .6rem .8rem; border-left: 4px solid #1a5fb4; background: color-mix(in srgb, #1a5fb4 10%, transparent); }
.field-error { color: #c01c28; font-weight: 400; margin: 0; }
@media (prefers-color-scheme: dark) { .field-error { color: #ff7b72; } .error { border-color: #ff7b72; } }
hr { border: none; border-top: 1px solid color-mix(in srgb, CanvasText 18%, transparent); margin: 1.25rem 0; }
`;

/** The one inline style, allowed by its hash: the page runs no inline script and loads nothing else. */
const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;
export const PAGE_CSP = `default-src 'none'; style-src ${STYLE_HASH}; script-src 'self'; base-uri 'none'; frame-ancestors 'none'`;

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export interface PageParts {
  title: string;
  body: string;
  /** Load the WebAuthn helper. */
  webauthn?: boolean;
  /** Whose page it is (default the org's). */
  brand?: string;
}

export function page({ title, body, webauthn = false, brand = ORG_NAME }: PageParts): string {
  const script = webauthn ? `<script src="${WEBAUTHN_SCRIPT_PATH}" defer></script>` : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · ${escapeHtml(brand)}</title><style>${STYLE}</style>${script}</head><body><main><p class="org">${escapeHtml(brand)}</p><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

/** The fields every form of the page carries: which remediation or action it answers. */
export interface FormTarget {
  action: string;
  /** `remediation:<name>`, `action:<name>` or `cancel`. */
  intent: string;
}

function hidden(name: string, value: unknown): string {
  return `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`;
}

function formOpen(target: FormTarget, extra = ''): string {
  return `<form method="post" action="${escapeHtml(target.action)}"${extra}>${hidden('_intent', target.intent)}`;
}

export function messageList(list: ReadonlyArray<IdxMessage | { message: string; class?: string }>): string {
  return list.map((m) => `<p class="${m.class === 'ERROR' ? 'error' : 'note'}" role="${m.class === 'ERROR' ? 'alert' : 'status'}">${escapeHtml(m.message)}</p>`).join('');
}

const fieldMessages = (field: Field) => (field.messages?.value ?? []).map((m) => `<p class="field-error">${escapeHtml(m.message)}</p>`).join('');

type Option = { label?: string; value?: unknown };

/** Inputs for an IDX field list, named by their path (`credentials.passcode`), as the page posts them back. */
function inputs(fields: ReadonlyArray<Field>, prefix = ''): string {
  return fields
    .map((field) => {
      const name = `${prefix}${field.name}`;
      if (field.name === 'stateHandle' || field.name === 'rememberMe') return '';
      if (field.form?.value) return inputs(field.form.value, `${name}.`);
      if (field.visible === false) return '';
      if (field.mutable === false && field.value !== undefined) return hidden(name, field.value);
      const label = escapeHtml(field.label ?? field.name);
      if (Array.isArray(field.options)) {
        const options = (field.options as Option[])
          .filter((o) => typeof o.value === 'string')
          .map((o) => `<option value="${escapeHtml(o.value)}">${escapeHtml(o.label ?? o.value)}</option>`)
          .join('');
        return `<label>${label}<select name="${escapeHtml(name)}">${options}</select>${fieldMessages(field)}</label>`;
      }
      const secret = field.secret === true || field.name === 'passcode' || field.name === 'answer';
      const autocomplete = field.name === 'identifier' ? 'username' : field.name === 'passcode' && secret ? 'current-password' : 'off';
      return `<label>${label}<input name="${escapeHtml(name)}" type="${secret ? 'password' : 'text'}" autocomplete="${autocomplete}"${field.required ? ' required' : ''}>${fieldMessages(field)}</label>`;
    })
    .join('');
}

export interface Remediation {
  name: string;
  href?: string;
  method?: string;
  value?: Field[];
  type?: string;
  idp?: { id: string; name: string };
}

/** The authenticator the step is about (`currentAuthenticator` or `currentAuthenticatorEnrollment`). */
export function currentAuthenticator(doc: IdxDoc): Record<string, unknown> | undefined {
  const part = (doc.currentAuthenticatorEnrollment ?? doc.currentAuthenticator) as { value?: Record<string, unknown> } | undefined;
  return part?.value;
}

const SUBMIT: Record<string, string> = {
  identify: 'Sign in',
  'challenge-authenticator': 'Verify',
  'enroll-authenticator': 'Verify',
  'reenroll-authenticator': 'Change password',
  'reenroll-authenticator-warning': 'Change password',
  'authenticator-verification-data': 'Continue',
  'authenticator-enrollment-data': 'Continue',
};

export function titleOf(doc: IdxDoc, first: Remediation | undefined): string {
  const name = String(currentAuthenticator(doc)?.displayName ?? 'your security method');
  switch (first?.name) {
    case 'identify':
      return 'Sign in';
    case 'select-authenticator-authenticate':
      return 'Verify it’s you';
    case 'select-authenticator-enroll':
      return 'Set up a security method';
    case 'challenge-authenticator':
    case 'authenticator-verification-data':
      return `Verify with ${name}`;
    case 'enroll-authenticator':
    case 'authenticator-enrollment-data':
      return `Set up ${name}`;
    case 'reenroll-authenticator':
      return 'Your password has expired';
    case 'reenroll-authenticator-warning':
      return 'Your password will expire soon';
    default:
      return first ? 'Continue signing in' : 'Sign-in stopped';
  }
}

/** One remediation as HTML, or '' when a page cannot do it. */
function remediationHtml(doc: IdxDoc, r: Remediation, action: string): string {
  const target = { action, intent: `remediation:${r.name}` };
  if (r.name === 'redirect-idp' && r.href && r.idp) {
    return `<a class="button secondary" href="${escapeHtml(r.href)}">Sign in with ${escapeHtml(r.idp.name)}</a>`;
  }
  if (r.name === 'skip') return `${formOpen(target)}<button type="submit" class="secondary">Skip</button></form>`;
  if (r.name === 'select-authenticator-authenticate' || r.name === 'select-authenticator-enroll') {
    const field = r.value?.find((f) => f.name === 'authenticator');
    const heading = r.name === 'select-authenticator-enroll' ? 'Choose a security method to set up.' : 'Choose how to verify.';
    const buttons = ((field?.options ?? []) as Option[]).map((option) => {
      const fields = (option.value as { form?: { value: Field[] } } | undefined)?.form?.value ?? [];
      // A method with choices (SMS or voice) is asked for on the next page, as Okta's own page does.
      const fixed = fields.filter((f) => f.value !== undefined && !Array.isArray(f.options));
      return `${formOpen(target)}${fixed.map((f) => hidden(`authenticator.${f.name}`, f.value)).join('')}<button type="submit" class="secondary">${escapeHtml(option.label ?? 'Continue')}</button></form>`;
    });
    return `<p>${heading}</p>${buttons.join('')}`;
  }
  const submit = SUBMIT[r.name];
  if (!submit) return '';
  if (currentAuthenticator(doc)?.key === 'webauthn') return r.name === 'challenge-authenticator' ? webauthnForm(doc, target) : '';
  return `${formOpen(target)}${inputs(r.value ?? [])}<button type="submit">${submit}</button></form>`;
}

/**
 * A security key: the helper script reads the challenge and the enrolled credentials from the
 * form's data attribute, asks the browser (navigator.credentials.get), fills the hidden fields and
 * submits. Without the script (or a key) nothing is posted.
 */
function webauthnForm(doc: IdxDoc, target: FormTarget): string {
  const challenge = ((currentAuthenticator(doc)?.contextualData ?? {}) as { challengeData?: object }).challengeData ?? {};
  const enrollments = ((doc.authenticatorEnrollments as { value?: Array<{ key?: string; credentialId?: string }> } | undefined)?.value ?? [])
    .filter((e) => e.key === 'webauthn' && typeof e.credentialId === 'string')
    .map((e) => e.credentialId);
  const options = escapeHtml(JSON.stringify({ ...challenge, allowCredentials: enrollments }));
  const fields = ['clientData', 'authenticatorData', 'signatureData'].map((f) => hidden(`credentials.${f}`, '')).join('');
  return `${formOpen(target, ` id="webauthn" data-options="${options}"`)}${fields}<p>Use your security key or this device’s fingerprint or face.</p><p class="error" id="webauthn-error" hidden role="alert"></p><button type="submit">Use security key</button></form>`;
}

/** `resend` inside the current authenticator ("Send again"). */
function resendHtml(doc: IdxDoc, action: string): string {
  const resend = currentAuthenticator(doc)?.resend as Remediation | undefined;
  return resend ? `${formOpen({ action, intent: 'action:resend' })}<button type="submit" class="link">Send again</button></form>` : '';
}

/** The whole page for the transaction's current document. */
export function stepPage(doc: IdxDoc, action: string): PageParts {
  const list = ((doc.remediation as { value?: Remediation[] } | undefined)?.value ?? []).filter((r) => r.name !== 'cancel');
  const first = list[0];
  const drawn = list.map((r) => remediationHtml(doc, r, action)).filter(Boolean);
  const top = ((doc.messages as { value?: IdxMessage[] } | undefined)?.value ?? []) as IdxMessage[];
  const nothing = drawn.length === 0 && first ? messageList([{ message: 'This step cannot be done on this page. Cancel and choose another way to sign in.', class: 'ERROR' }]) : '';
  const cancel = `<hr>${formOpen({ action, intent: 'cancel' })}<button type="submit" class="link">Cancel and go back to the app</button></form>`;
  return {
    title: titleOf(doc, first),
    body: `${messageList(top)}${nothing}${drawn.join('')}${resendHtml(doc, action)}${cancel}`,
    webauthn: currentAuthenticator(doc)?.key === 'webauthn',
  };
}

/** Rebuilds the JSON body an IDX endpoint expects from the page's dotted field names. */
export function bodyFromForm(form: URLSearchParams, stateHandle: string): Record<string, unknown> {
  const body: Record<string, unknown> = { stateHandle };
  for (const [key, value] of form) {
    if (key.startsWith('_') || key === 'stateHandle') continue;
    const path = key.split('.');
    if (path.some((p) => p === '__proto__' || p === 'constructor' || p === 'prototype' || p === '')) continue;
    let node = body;
    for (const part of path.slice(0, -1)) {
      const next = node[part];
      node = (node[part] = typeof next === 'object' && next !== null ? next : {}) as Record<string, unknown>;
    }
    node[path.at(-1)!] = value;
  }
  return body;
}
