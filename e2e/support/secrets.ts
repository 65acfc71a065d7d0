/** Checks that no token reached the renderer: not in the DOM, web storage, cookies or bridge traffic. */
import { expect, type Page } from '@playwright/test';

/** Three base64url segments, the first starting like a JSON header: what a JWT looks like. */
const JWT_LIKE = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/;
/** Okta-style opaque token fields, in case a refresh token or similar slips through by name. */
const TOKEN_FIELD = /"(access_token|id_token|refresh_token|accessToken|idToken|refreshToken)"/;

export function findTokenLike(text: string): string | undefined {
  return JWT_LIKE.exec(text)?.[0] ?? TOKEN_FIELD.exec(text)?.[0];
}

export async function expectNoTokensInRenderer(page: Page, bridgeResponses: ReadonlyArray<string>): Promise<void> {
  const exposed = await page.evaluate(() => ({
    dom: document.documentElement.outerHTML,
    local: JSON.stringify({ ...localStorage }),
    session: JSON.stringify({ ...sessionStorage }),
    cookies: document.cookie,
  }));
  for (const [where, text] of Object.entries(exposed)) {
    expect(findTokenLike(text), `token-like string in ${where}`).toBeUndefined();
  }
  expect(bridgeResponses.length, 'bridge responses were recorded').toBeGreaterThan(0);
  for (const body of bridgeResponses) {
    expect(findTokenLike(body), 'token-like string in a bridge response').toBeUndefined();
  }
}
