/** Housekeeping: finished or expired transactions, codes and tokens are swept from memory. */
import { describe, expect, it } from 'vitest';
import { TransactionStore } from '../transactions';

const params = { clientId: 'c', redirectUri: 'r', scopes: ['openid'], codeChallenge: 'x'.repeat(43), state: undefined, nonce: undefined };

describe('TransactionStore', () => {
  it('hides expired transactions and sweeps them and their codes', async () => {
    const store = new TransactionStore(50, 50);
    const tx = store.create(params);
    store.issueCode(store.create(params), 'user');
    expect(store.byStateHandle(tx.stateHandle)).toBe(tx);
    expect(store.size()).toEqual({ transactions: 2, codes: 1 });
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(store.byStateHandle(tx.stateHandle)).toBeUndefined();
    expect(store.byInteractionHandle(tx.interactionHandle)).toBeUndefined();
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
