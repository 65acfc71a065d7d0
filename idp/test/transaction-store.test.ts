/** The transaction store on its own, on an injected clock: handles, newest-first listing, single-use codes and their expiry, sweeping. */
import { describe, expect, it } from 'vitest';
import { TransactionStore } from '../idx/transactions';

const params = { clientId: 'c', redirectUri: 'http://127.0.0.1/cb', scopes: ['openid'], codeChallenge: 'x', state: 's', nonce: 'n' };

function store(ttlMs = 1000, codeTtlMs = 100) {
  const clock = { t: 0 };
  return { clock, txs: new TransactionStore(ttlMs, codeTtlMs, () => clock.t) };
}

describe('TransactionStore', () => {
  it('starts each transaction at identify, with nothing verified, found by either handle until it expires', () => {
    const { clock, txs } = store();
    const tx = txs.create(params);
    expect(tx).toMatchObject({ ...params, step: 'identify', verified: [], expiresAt: 1000 });
    expect(tx.stateHandle).toMatch(/^02\.id\./);
    expect(txs.byStateHandle(tx.stateHandle)).toBe(tx);
    expect(txs.byInteractionHandle(tx.interactionHandle)).toBe(tx);
    clock.t = 999;
    expect(txs.byStateHandle(tx.stateHandle)).toBe(tx);
    clock.t = 1000;
    expect(txs.byStateHandle(tx.stateHandle)).toBeUndefined();
    expect(txs.byInteractionHandle(tx.interactionHandle)).toBeUndefined();
  });

  it('lists live transactions newest first', () => {
    const { clock, txs } = store();
    const first = txs.create(params);
    clock.t = 10;
    const second = txs.create(params);
    const third = txs.create(params);
    expect(txs.liveTransactions()).toEqual([third, second, first]);
    clock.t = 1005;
    expect(txs.liveTransactions()).toEqual([third, second]);
  });

  it('redeems a code once, forgets the transaction it ended, and leaves the others', () => {
    const { txs } = store();
    const ended = txs.create(params);
    const other = txs.create(params);
    const code = txs.issueCode(ended, 'u1');
    expect(ended).toMatchObject({ step: 'success', interactionCode: code });
    expect(txs.redeemCode(code)).toMatchObject({ userId: 'u1', clientId: 'c', codeChallenge: 'x', expiresAt: 100 });
    expect(txs.redeemCode(code)).toBeUndefined();
    expect(txs.byStateHandle(ended.stateHandle)).toBeUndefined();
    expect(txs.byStateHandle(other.stateHandle)).toBe(other);
    expect(txs.size()).toEqual({ transactions: 1, codes: 0 });
  });

  it('refuses a code at the moment it expires, and forgets it', () => {
    const { clock, txs } = store();
    const code = txs.issueCode(txs.create(params), 'u1');
    clock.t = 100;
    expect(txs.redeemCode(code)).toBeUndefined();
    expect(txs.size().codes).toBe(0);
    clock.t = 0;
    expect(txs.redeemCode(code)).toBeUndefined();
  });

  it('sweeps what has expired, transactions and codes, and keeps the rest', () => {
    const { clock, txs } = store(1000, 100);
    const old = txs.create(params);
    txs.issueCode(txs.create(params), 'u1');
    clock.t = 500;
    const young = txs.create(params);
    txs.sweep(100);
    expect(txs.size()).toEqual({ transactions: 3, codes: 0 });
    txs.sweep(1000);
    expect(txs.size()).toEqual({ transactions: 1, codes: 0 });
    expect(txs.byStateHandle(young.stateHandle)).toBe(young);
    clock.t = 0;
    expect(txs.byStateHandle(old.stateHandle)).toBeUndefined();
  });
});
