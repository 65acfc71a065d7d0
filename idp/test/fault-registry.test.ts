// The fault registry on its own, without HTTP: what list() reports, how counted faults run out,
// and that release() leaves no timer behind. faults.test.ts drives the same faults over HTTP.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FaultRegistry, validateFault } from '../admin/faults';
import { IDP_ENDPOINTS } from '../types';

afterEach(() => vi.useRealTimers());

describe('FaultRegistry', () => {
  it('lists a fault without times as set, with no remaining count, however often it is taken', () => {
    const faults = new FaultRegistry();
    faults.set('token', { kind: 'status', status: 503 });
    faults.take('token');
    faults.take('token');
    expect(faults.list()).toStrictEqual({ token: { kind: 'status', status: 503 } });
    expect(faults.take('token')).toStrictEqual({ kind: 'status', status: 503 });
  });

  it('counts a fault with times down in list(), and clears it when it has run out', () => {
    const faults = new FaultRegistry();
    faults.set('introspect', { kind: 'drop', times: 2 });
    expect(faults.list()).toStrictEqual({ introspect: { kind: 'drop', times: 2, remaining: 2 } });
    expect(faults.take('introspect')).toStrictEqual({ kind: 'drop', times: 2 });
    expect(faults.list()).toStrictEqual({ introspect: { kind: 'drop', times: 2, remaining: 1 } });
    expect(faults.take('introspect')).toStrictEqual({ kind: 'drop', times: 2 });
    expect(faults.list()).toStrictEqual({});
    expect(faults.take('introspect')).toBeUndefined();
  });

  it('clears one endpoint, or all', () => {
    const faults = new FaultRegistry();
    faults.set('token', { kind: 'drop' });
    faults.set('introspect', { kind: 'drop' });
    faults.clear('token');
    expect(Object.keys(faults.list())).toEqual(['introspect']);
    faults.clear();
    expect(faults.list()).toStrictEqual({});
  });

  it('release() ends a latency wait and leaves no timer running', async () => {
    vi.useFakeTimers();
    const faults = new FaultRegistry();
    let done = false;
    const wait = faults.delay(60_000).then(() => (done = true));
    await faults.holding();
    expect(vi.getTimerCount()).toBe(1);
    faults.release();
    await wait;
    expect(done).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('validateFault', () => {
  it('names the known endpoints when the endpoint is unknown', () => {
    expect(() => validateFault('x', { kind: 'drop' })).toThrow(new Error(`Unknown endpoint "x". Known: ${IDP_ENDPOINTS.join(', ')}`));
  });

  it('says "body" when the fault itself is not an object', () => {
    expect(() => validateFault('token', 'drop')).toThrow(/^Invalid fault: body: /);
  });

  it('names the field that is wrong', () => {
    expect(() => validateFault('token', { kind: 'status', status: 200 })).toThrow(/^Invalid fault: status: /);
  });

  it('applies bad-id-token only to the token endpoint', () => {
    expect(() => validateFault('introspect', { kind: 'bad-id-token', variant: 'expired' })).toThrow(
      new Error('The bad-id-token fault applies only to the token endpoint'),
    );
  });
});
