/**
 * A stand-in external identity provider (a partner's OIDC IdP, as Google or a SAML IdP would be
 * for a real org), so that `redirect-idp` can be exercised: its own sign-in page "signs in" one
 * of its accounts and sends the browser back to the emulator with a single-use code, which the
 * emulator redeems for the account's email (and links it to the org's user with that email).
 * Served by the emulator on 127.0.0.1 under /stand-in-idp/<id>/.
 */
import { escapeHtml, page, PAGE_CSP } from './hosted-page';
import { parseFormBody, randomToken, type Reply, type RequestContext } from '../http/http-util';

export interface StandInAccount {
  readonly email: string;
  readonly name: string;
}

export interface IdentityProvider {
  /** Okta's IdP id (`0oa…`): the `idp` parameter of /v1/authorize and `redirect-idp`'s `idp.id`. */
  readonly id: string;
  readonly name: string;
  /** IDX `type` of its redirect-idp remediation. */
  readonly type: 'OIDC';
  readonly accounts: ReadonlyArray<StandInAccount>;
}

/** The org's one IdP when `identityProviders: true`: signs in as Alice (linked by email). */
export const STAND_IN_IDP: IdentityProvider = {
  id: '0oaEmulatorPartner01',
  name: 'Example Partner',
  type: 'OIDC',
  accounts: [{ email: 'alice@example.com', name: 'Alice Example' }],
};

const CODE_TTL_MS = 60_000;

export const htmlReply = (status: number, body: string): Reply => ({
  status,
  headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Security-Policy': PAGE_CSP, 'Referrer-Policy': 'no-referrer' },
  body,
});

export const redirectReply = (location: string): Reply => ({ status: 302, headers: { Location: location, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' }, body: '' });

export class StandInIdp {
  private readonly codes = new Map<string, { email: string; expiresAt: number }>();

  constructor(
    readonly idp: IdentityProvider,
    /** Where it may send browsers back: the emulator's callback for this IdP. */
    private readonly callbackUrl: string,
    private readonly now: () => number = Date.now,
  ) {}

  get authorizePath(): string {
    return `/stand-in-idp/${this.idp.id}/authorize`;
  }

  /** GET: the IdP's sign-in page; POST: an account was chosen (or cancel), back to the emulator. */
  authorize(ctx: RequestContext): Reply {
    const params = ctx.method === 'POST' ? (parseFormBody(ctx).ok ? new URLSearchParams(ctx.body.toString('utf8')) : undefined) : ctx.query;
    const state = params?.get('state');
    if (!params || params.get('redirect_uri') !== this.callbackUrl || !state) {
      return htmlReply(400, page({ title: 'Sign-in request not valid', body: '<p>This request did not come from a known application.</p>' }));
    }
    const back = (query: Record<string, string>) => {
      const url = new URL(this.callbackUrl);
      for (const [k, v] of Object.entries({ ...query, state })) url.searchParams.set(k, v);
      return redirectReply(url.toString());
    };
    if (ctx.method === 'POST') {
      if (params.get('cancel') !== null) return back({ error: 'access_denied', error_description: 'The user cancelled the sign-in.' });
      const account = this.idp.accounts.find((a) => a.email === params.get('account'));
      if (!account) return back({ error: 'access_denied', error_description: 'No such account.' });
      const code = randomToken(24);
      this.codes.set(code, { email: account.email, expiresAt: this.now() + CODE_TTL_MS });
      return back({ code });
    }
    const hidden = `<input type="hidden" name="state" value="${escapeHtml(state)}"><input type="hidden" name="redirect_uri" value="${escapeHtml(this.callbackUrl)}">`;
    const accounts = this.idp.accounts
      .map((a) => `<form method="post">${hidden}<input type="hidden" name="account" value="${escapeHtml(a.email)}"><button type="submit">Continue as ${escapeHtml(a.name)}</button><p>${escapeHtml(a.email)}</p></form>`)
      .join('');
    const cancel = `<form method="post">${hidden}<input type="hidden" name="cancel" value="1"><button type="submit" class="link">Cancel</button></form>`;
    return htmlReply(200, page({ brand: this.idp.name, title: `Sign in to ${this.idp.name}`, body: `<p>A stand-in identity provider of the emulator.</p>${accounts}<hr>${cancel}` }));
  }

  /** The account email behind a code, once. */
  redeem(code: string): string | undefined {
    const entry = this.codes.get(code);
    this.codes.delete(code);
    return entry && entry.expiresAt > this.now() ? entry.email : undefined;
  }
}
