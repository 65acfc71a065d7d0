import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../shared/contract';
import { createAuthApp } from './app';
import { loadConfig } from './config/okta-config';
import { silentLogger } from './log/logger';
import { createTestCipher } from './session/cipher';
import { createMemoryStore } from './session/store';

describe('createAuthApp without a usable configuration', () => {
  it('shows needs-configuration with the problems and refuses actions', async () => {
    const config = loadConfig({ OKTA_ISSUER: 'http://example.com' });
    const app = await createAuthApp({ config, cipher: createTestCipher(), store: createMemoryStore(), log: silentLogger });
    const state = await app.invoke(CHANNELS.getState, undefined);
    expect(state.ok && state.value.status).toBe('needs-configuration');
    expect(state.ok && state.value.status === 'needs-configuration' && state.value.problems.length).toBe(3);
    expect(await app.invoke(CHANNELS.signIn, { username: 'a', password: 'b' })).toMatchObject({ ok: false, error: { code: 'wrong-state' } });
    expect(await app.invoke(CHANNELS.signIn, { username: 'a' })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await app.invoke('auth:nope', undefined)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    await app.dispose();
  });
});

describe('createAuthApp with a configuration', () => {
  it('starts signed out and rejects calls that do not fit the state', async () => {
    const config = loadConfig({ OKTA_ISSUER: 'http://127.0.0.1:1/oauth2/default', OKTA_CLIENT_ID: 'client1', OKTA_REDIRECT_URI: 'http://127.0.0.1:1/cb' });
    const app = await createAuthApp({ config, cipher: createTestCipher(), store: createMemoryStore(), log: silentLogger });
    expect(await app.invoke(CHANNELS.getState, undefined)).toEqual({ ok: true, value: { status: 'signed-out', messages: [] } });
    for (const channel of [CHANNELS.skip, CHANNELS.signOut, CHANNELS.refreshProfile]) {
      expect(await app.invoke(channel, undefined)).toMatchObject({ ok: false, error: { code: 'wrong-state' } });
    }
    expect(await app.invoke(CHANNELS.proceed, { step: 'identify', values: {} })).toMatchObject({ ok: false, error: { code: 'wrong-state' } });
    expect(await app.invoke(CHANNELS.getState, { extra: true })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    await app.dispose();
  });
});
