/**
 * The browser sign-in of the emulated org (RFC 8252: authorization code + PKCE in the system
 * browser): `GET /oauth2/default/v1/authorize` checks the request as Okta does and opens the
 * org's hosted sign-in page, which drives the same IDX engine as the embedded flow (every step is
 * a call to an /idp/idx/* handler) and ends with a redirect to the app carrying a single-use
 * authorization code, redeemed at /v1/token (`grant_type=authorization_code`, PKCE S256). The
 * org's identity providers (`redirect-idp`, `idp=`) go through the stand-in IdP.
 *
 * Errors follow RFC 6749 §4.1.2.1: a bad client or redirect URI gets an error page (a browser is
 * never sent to an unregistered address); anything else goes back to the app as `error=`.
 */
import { randomToken, parseFormBody, type Reply, type RequestContext } from '../http/http-util';
import type { TransactionStore, Transaction } from '../idx/transactions';
import type { UserDirectory } from '../org/users';
import { SUPPORTED_SCOPES } from './handlers';
import type { AuthorizationCodes } from './authorization-codes';
import { bodyFromForm, messageList, page, stepPage, type Remediation } from './hosted-page';
import { redirectUriAllowed } from './redirect-uris';
import { htmlReply, redirectReply, StandInIdp, type IdentityProvider } from './stand-in-idp';
import { WEBAUTHN_CLIENT_SCRIPT } from './webauthn-client';

export const AUTHORIZE_PATH = '/oauth2/default/v1/authorize';
export const SIGN_IN_PAGE_PATH = '/oauth2/default/v1/authorize/sign-in';
export const idpStartPath = (id: string) => `/sso/idps/${id}`;
export const idpCallbackPath = (id: string) => `/sso/idps/${id}/callback`;

export interface BrowserSignInEnv {
  /** The org's origin (`http://127.0.0.1:PORT`). */
  origin: string;
  /**
   * Where the hosted page is served: `http://localhost:PORT`, because WebAuthn refuses an IP
   * address as relying-party id (the page's origin must be a domain; Okta's is the org's).
   */
  pageOrigin: string;
  clientId: string;
  /** The client's sign-in redirect URIs (a loopback one without a port matches any port). */
  redirectUris: ReadonlyArray<string>;
  transactions: TransactionStore;
  codes: AuthorizationCodes;
  users: UserDirectory;
  identityProviders: ReadonlyArray<IdentityProvider>;
  /** Runs an /idp/idx/* endpoint of this org (the router's own handler). */
  idx(path: string, ctx: RequestContext): Promise<Reply>;
  log: (line: string) => void;
  now: () => number;
}

interface Flow {
  stateHandle: string;
}

function jsonRequest(path: string, body: Record<string, unknown>): RequestContext {
  return { method: 'POST', path, query: new URLSearchParams(), headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(body)) };
}

function withQuery(uri: string, params: Record<string, string | undefined>): string {
  const url = new URL(uri);
  for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, value);
  return url.toString();
}

const errorPage = (status: number, title: string, text: string) => htmlReply(status, page({ title, body: messageList([{ message: text, class: 'ERROR' }]) }));

export class BrowserSignIn {
  private readonly flows = new Map<string, Flow>();
  /** The stand-in IdP's `state` → the flow it signs in. */
  private readonly idpStates = new Map<string, { flowId: string; expiresAt: number }>();
  readonly idps: ReadonlyArray<StandInIdp>;

  constructor(private readonly env: BrowserSignInEnv) {
    this.idps = env.identityProviders.map((idp) => new StandInIdp(idp, `${env.origin}${idpCallbackPath(idp.id)}`, env.now));
  }

  /** GET /v1/authorize. */
  authorize(ctx: RequestContext): Reply {
    const q = ctx.query;
    if (q.get('client_id') !== this.env.clientId) {
      return errorPage(400, 'Sign-in request not valid', "Invalid value for 'client_id' parameter.");
    }
    const redirectUri = q.get('redirect_uri');
    if (!redirectUri || !redirectUriAllowed(this.env.redirectUris, redirectUri)) {
      return errorPage(400, 'Sign-in request not valid', "The 'redirect_uri' parameter must be a Login redirect URI in the client app settings.");
    }
    const state = q.get('state') ?? undefined;
    const back = (error: string, description: string) => redirectReply(withQuery(redirectUri, { error, error_description: description, state }));
    if (q.get('response_type') !== 'code') return back('unsupported_response_type', "The response type is not supported by the authorization server. Only 'code' is.");
    const mode = q.get('response_mode');
    if (mode !== null && mode !== 'query') return back('invalid_request', "The 'response_mode' parameter is not supported: this org answers in the query only.");
    if (!state) return back('invalid_request', "The 'state' parameter is required.");
    const scopes = (q.get('scope') ?? '').split(/\s+/).filter(Boolean);
    if (scopes.length === 0 || !scopes.includes('openid') || scopes.some((s) => !SUPPORTED_SCOPES.includes(s))) {
      return back('invalid_scope', 'One or more scopes are not configured for the authorization server resource.');
    }
    const challenge = q.get('code_challenge');
    if (!challenge || !/^[A-Za-z0-9_-]{43,128}$/.test(challenge)) return back('invalid_request', "PKCE code challenge is required when the token endpoint authentication method is 'NONE'.");
    if (q.get('code_challenge_method') !== 'S256') return back('invalid_request', "'code_challenge_method' must be S256.");
    // No browser session is kept, so nothing can be answered without showing the sign-in page.
    if (q.get('prompt') === 'none') return back('login_required', 'The user is not logged in.');
    const idpId = q.get('idp');
    const idp = idpId === null ? undefined : this.idps.find((i) => i.idp.id === idpId);
    if (idpId !== null && !idp) return back('invalid_request', "The 'idp' parameter is not an identity provider of this org.");

    const tx = this.env.transactions.create({
      clientId: this.env.clientId,
      redirectUri,
      scopes,
      codeChallenge: challenge,
      state,
      nonce: q.get('nonce') ?? undefined,
    });
    const flowId = randomToken(18);
    this.flows.set(flowId, { stateHandle: tx.stateHandle });
    this.env.log(`browser sign-in started${idp ? ` (identity provider ${idp.idp.name})` : ''}`);
    return idp ? this.toIdp(idp, flowId) : redirectReply(this.pageUrl(flowId));
  }

  private pageUrl(flowId: string): string {
    return `${this.env.pageOrigin}${SIGN_IN_PAGE_PATH}?flow=${encodeURIComponent(flowId)}`;
  }

  private open(flowId: string | null): { flowId: string; tx: Transaction } | undefined {
    const flow = flowId ? this.flows.get(flowId) : undefined;
    const tx = flow && this.env.transactions.byStateHandle(flow.stateHandle);
    if (!flow || !tx) {
      if (flowId) this.flows.delete(flowId);
      return undefined;
    }
    return { flowId: flowId!, tx };
  }

  private expired(): Reply {
    return errorPage(410, 'This sign-in has expired', 'Go back to the app and start signing in again.');
  }

  /** The sign-in ended well: the app gets its code, bound to this request. */
  private finish(flowId: string, tx: Transaction): Reply {
    const grant = tx.interactionCode ? this.env.transactions.redeemCode(tx.interactionCode) : undefined;
    this.flows.delete(flowId);
    if (!grant) return this.expired();
    const { expiresAt: _unused, ...bound } = grant;
    const code = this.env.codes.issue(bound);
    return redirectReply(withQuery(tx.redirectUri, { code, state: tx.state }));
  }

  private cancel(flowId: string, tx: Transaction): Reply {
    this.flows.delete(flowId);
    return redirectReply(withQuery(tx.redirectUri, { error: 'access_denied', error_description: 'The user cancelled the sign-in.', state: tx.state }));
  }

  private async documentOf(tx: Transaction): Promise<Record<string, unknown>> {
    const reply = await this.env.idx('/idp/idx/introspect', jsonRequest('/idp/idx/introspect', { stateHandle: tx.stateHandle }));
    return JSON.parse(reply.body) as Record<string, unknown>;
  }

  private show(status: number, doc: Record<string, unknown>, flowId: string): Reply {
    return htmlReply(status, page(stepPage(doc, `${SIGN_IN_PAGE_PATH}?flow=${encodeURIComponent(flowId)}`)));
  }

  /** GET and POST of the hosted sign-in page. */
  async signInPage(ctx: RequestContext): Promise<Reply> {
    const opened = this.open(ctx.query.get('flow'));
    if (!opened) return this.expired();
    const { flowId, tx } = opened;
    if (tx.step === 'success') return this.finish(flowId, tx);
    if (ctx.method === 'GET') return this.show(200, await this.documentOf(tx), flowId);

    const form = parseFormBody(ctx);
    if (!form.ok) return errorPage(415, 'Sign-in request not valid', 'The page sent a form this org cannot read.');
    const intent = form.value.get('_intent') ?? '';
    if (intent === 'cancel') return this.cancel(flowId, tx);
    const current = await this.documentOf(tx);
    const href = this.hrefFor(current, intent);
    if (!href) return this.show(400, { ...current, messages: { type: 'array', value: [{ message: 'That is no longer possible here. Choose again.', class: 'ERROR' }] } }, flowId);
    const path = new URL(href).pathname;
    const reply = await this.env.idx(path, jsonRequest(path, bodyFromForm(form.value, tx.stateHandle)));
    const doc = JSON.parse(reply.body) as Record<string, unknown>;
    if (doc.successWithInteractionCode) return this.finish(flowId, tx);
    return this.show(reply.status >= 500 ? 502 : 200, doc, flowId);
  }

  /** The href of the remediation or action the form answered, if the current document offers it. */
  private hrefFor(doc: Record<string, unknown>, intent: string): string | undefined {
    const [kind, name] = intent.split(':', 2);
    if (kind === 'remediation') {
      const list = (doc.remediation as { value?: Remediation[] } | undefined)?.value ?? [];
      const found = list.find((r) => r.name === name && r.name !== 'redirect-idp');
      return found?.href;
    }
    if (kind === 'action' && name === 'resend') {
      const part = (doc.currentAuthenticatorEnrollment ?? doc.currentAuthenticator) as { value?: { resend?: { href?: string } } } | undefined;
      return part?.value?.resend?.href;
    }
    return undefined;
  }

  webauthnScript(): Reply {
    return { status: 200, headers: { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' }, body: WEBAUTHN_CLIENT_SCRIPT };
  }

  private toIdp(idp: StandInIdp, flowId: string): Reply {
    const state = randomToken(18);
    this.idpStates.set(state, { flowId, expiresAt: this.env.now() + 10 * 60_000 });
    return redirectReply(withQuery(`${this.env.origin}${idp.authorizePath}`, { client_id: 'emulator-org', response_type: 'code', redirect_uri: `${this.env.origin}${idpCallbackPath(idp.idp.id)}`, state }));
  }

  /** GET /sso/idps/<id>?stateToken=…: a `redirect-idp` of the hosted page's identify step. */
  idpStart(idp: StandInIdp, ctx: RequestContext): Reply {
    const stateHandle = ctx.query.get('stateToken');
    const flowId = [...this.flows].find(([, flow]) => flow.stateHandle === stateHandle)?.[0];
    // Only the hosted page's sign-in can continue at an IdP here: an embedded one has no browser to come back to.
    if (!flowId || !this.open(flowId)) return errorPage(400, 'Sign-in request not valid', 'Start signing in from the app to use this identity provider.');
    return this.toIdp(idp, flowId);
  }

  /** GET /sso/idps/<id>/callback: the IdP sends the browser back. */
  idpCallback(idp: StandInIdp, ctx: RequestContext): Reply {
    const state = ctx.query.get('state') ?? '';
    const entry = this.idpStates.get(state);
    this.idpStates.delete(state);
    const opened = entry && entry.expiresAt > this.env.now() ? this.open(entry.flowId) : undefined;
    if (!opened) return this.expired();
    const { flowId, tx } = opened;
    const code = ctx.query.get('code');
    const email = code ? idp.redeem(code) : undefined;
    const user = email ? this.env.users.findByLogin(email) : undefined;
    if (!user || user.status === 'LOCKED_OUT' || user.status === 'SUSPENDED') {
      this.flows.delete(flowId);
      return redirectReply(withQuery(tx.redirectUri, { error: 'access_denied', error_description: `${idp.idp.name} did not sign you in.`, state: tx.state }));
    }
    // The org trusts the IdP's authentication for this user (its routing rule), as Okta does.
    tx.userId = user.id;
    this.env.transactions.issueCode(tx, user.id);
    this.env.log(`sign-in succeeded for ${user.login} through ${idp.idp.name}`);
    return this.finish(flowId, tx);
  }

  sweep(): void {
    for (const [id] of this.flows) this.open(id);
    const now = this.env.now();
    for (const [state, entry] of this.idpStates) if (entry.expiresAt <= now) this.idpStates.delete(state);
    this.env.codes.sweep(now);
  }
}
