/** Housekeeping: finished or expired transactions, codes and tokens are swept from memory. */
import { describe, expect, it } from 'vitest';
import { TokenService, createSigningKey } from '../oauth/tokens';
import { TransactionStore } from '../idx/transactions';
import { UserDirectory } from '../org/users';

const params = { clientId: 'c', redirectUri: 'r', scopes: ['openid'], codeChallenge: 'x'.repeat(43), state: undefined, nonce: undefined };

describe('TransactionStore', () => {
  it('hides expired transactions and sweeps them and their codes', () => {
    let now = 1_000_000;
    const store = new TransactionStore(50, 50, () => now);
    const tx = store.create(params);
    const code = store.issueCode(store.create(params), 'user');
    now += 49; // the last millisecond both are alive
    expect(store.byStateHandle(tx.stateHandle)).toBe(tx);
    expect(store.byInteractionHandle(tx.interactionHandle)).toBe(tx);
    store.sweep();
    expect(store.size()).toEqual({ transactions: 2, codes: 1 });
    now += 1;
    expect(store.byStateHandle(tx.stateHandle)).toBeUndefined();
    expect(store.byInteractionHandle(tx.interactionHandle)).toBeUndefined();
    expect(store.redeemCode(code)).toBeUndefined(); // expired, and forgotten by the attempt
    store.sweep();
    expect(store.size()).toEqual({ transactions: 0, codes: 0 });
  });

  it('a redeemed code is gone, with its transaction', () => {
    const store = new TransactionStore(10_000, 10_000);
    const tx = store.create(params);
    const code = store.issueCode(tx, 'user');
    expect(store.redeemCode(code)?.userId).toBe('user');
    expect(store.redeemCode(code)).toBeUndefined();
    expect(store.size()).toEqual({ transactions: 0, codes: 0 });
  });
});

describe('TokenService', () => {
  it('forgets expired access and refresh tokens on sweep, and keeps live ones', async () => {
    const tokens = new TokenService('http://127.0.0.1/oauth2/default', await createSigningKey('k1'), {
      accessTokenTtlSeconds: 60,
      idTokenTtlSeconds: 60,
      refreshTokenTtlSeconds: 120,
    });
    const users = await UserDirectory.create([{ login: 'a@example.com', password: 'pw', status: 'ACTIVE', profile: {}, factors: ['password'] }]);
    const user = users.findByLogin('a@example.com')!;
    const issued = await tokens.issue({ user, clientId: 'c', scopes: ['openid', 'offline_access'], authTime: 0, sessionId: 's' });
    expect(tokens.size()).toBe(2);

    tokens.sweep();
    expect(tokens.active(issued.access_token, 'access')).toBeDefined();
    tokens.sweep(Date.now() + 61_000); // the access token has expired, the refresh token not yet
    expect(tokens.size()).toBe(1);
    expect(tokens.active(issued.refresh_token!, 'refresh')).toBeDefined();
    tokens.sweep(Date.now() + 121_000);
    expect(tokens.size()).toBe(0);
  });
});
