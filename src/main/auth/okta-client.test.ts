import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/okta-config';
import { createIdpTransport } from './http-client';
import { createOktaClient } from './okta-client';

const refuse: typeof fetch = () => Promise.reject(new Error('no request expected'));

describe('createOktaClient', () => {
  const config = loadConfig({ OKTA_ISSUER: 'http://127.0.0.1:1/oauth2/default', OKTA_CLIENT_ID: 'client1', OKTA_REDIRECT_URI: 'http://127.0.0.1:1/cb' });
  const client = createOktaClient(config.ok ? config.config : (undefined as never), createIdpTransport(refuse));

  it('runs none of the SDK’s background services: the app renews and removes tokens itself', () => {
    expect(config.ok).toBe(true);
    expect(client.options.services).toEqual({ autoRenew: false, autoRemove: false, syncStorage: false, renewOnTabActivation: false });
    expect(client.options.tokenManager).toMatchObject({ autoRenew: false, autoRemove: false, syncStorage: false });
  });

  it('is not in the SDK’s dev mode, which logs to the console', () => {
    expect(client.options.devMode).toBe(false);
  });
});
