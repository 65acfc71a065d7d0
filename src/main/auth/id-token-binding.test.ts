import { describe, expect, it } from 'vitest';
import { createNonce, idTokenProblem } from './id-token-binding';

const expected = { nonce: 'n-0123456789', clientId: 'desktop-app-client' };

describe('idTokenProblem', () => {
  it.each([
    ['one audience', { nonce: expected.nonce, aud: 'desktop-app-client' }],
    ['one audience in an array', { nonce: expected.nonce, aud: ['desktop-app-client'] }],
    ['two audiences, azp this client', { nonce: expected.nonce, aud: ['desktop-app-client', 'api'], azp: 'desktop-app-client' }],
    ['one audience, azp this client', { nonce: expected.nonce, aud: 'desktop-app-client', azp: 'desktop-app-client' }],
  ])('accepts %s', (_name, claims) => {
    expect(idTokenProblem(claims, expected)).toBeUndefined();
  });

  it.each([
    ['no nonce', { aud: 'desktop-app-client' }, 'nonce'],
    ['another nonce', { nonce: 'n-0123456788', aud: 'desktop-app-client' }, 'nonce'],
    ['a nonce that only starts the same', { nonce: `${expected.nonce}x`, aud: 'desktop-app-client' }, 'nonce'],
    ['a nonce that is not a string', { nonce: 42, aud: 'desktop-app-client' }, 'nonce'],
    ['two audiences without azp', { nonce: expected.nonce, aud: ['desktop-app-client', 'api'] }, 'audience'],
    ['two audiences, azp the other', { nonce: expected.nonce, aud: ['desktop-app-client', 'api'], azp: 'api' }, 'audience'],
    ['one audience, azp another client', { nonce: expected.nonce, aud: 'desktop-app-client', azp: 'api' }, 'audience'],
    ['another audience', { nonce: expected.nonce, aud: 'api' }, 'audience'],
    ['no audience', { nonce: expected.nonce }, 'audience'],
  ])('refuses %s', (_name, claims, problem) => {
    expect(idTokenProblem(claims, expected)).toBe(problem);
  });

  it('nonces are 256 random bits, different each time', () => {
    const a = createNonce();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(createNonce()).not.toBe(a);
  });
});
