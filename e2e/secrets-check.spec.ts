import { expect, test } from '@playwright/test';
import { SignJWT } from 'jose';
import { findTokenLike } from './support/secrets';

// The no-token checks in the journeys are only worth something if the detector can fire.
test('the token detector recognises a real JWT and token field names, and not a profile', async () => {
  const jwt = await new SignJWT({ sub: '00u1' })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .sign(new TextEncoder().encode('a-test-key-of-32-bytes-or-longer!'));

  expect(findTokenLike(`<p>${jwt}</p>`)).toBe(jwt);
  expect(findTokenLike('{"refresh_token":"opaque"}')).toBe('"refresh_token"');
  expect(findTokenLike(JSON.stringify({ ok: true, value: { status: 'signed-in', profile: { sub: '00u1', email: 'a@b.c' } } }))).toBeUndefined();
});
