/** The outbox's console line (what `npm run idp` prints) and its cap on kept messages. */
import { describe, expect, it } from 'vitest';
import { describeMessage, Outbox, type OutboxMessage } from '../admin/outbox';

const base: Omit<OutboxMessage, 'id' | 'at'> = { login: 'alice@example.com', channel: 'email', to: 'alice@example.com', purpose: 'verify', text: 'Your code is 123456' };

describe('describeMessage', () => {
  it('is one line without a link', () => {
    expect(describeMessage({ ...base, id: 'msg_1', at: '' })).toBe('outbox: email to alice@example.com (alice@example.com, verify): Your code is 123456');
  });

  it('puts the link on its own indented line', () => {
    expect(describeMessage({ ...base, id: 'msg_1', at: '', link: 'http://127.0.0.1/x' })).toBe(
      'outbox: email to alice@example.com (alice@example.com, verify): Your code is 123456\n  link: http://127.0.0.1/x',
    );
  });
});

describe('Outbox', () => {
  it('keeps the newest 500 messages', () => {
    const outbox = new Outbox(() => 0);
    for (let i = 0; i < 501; i += 1) outbox.add({ ...base, text: `message ${i}` });
    const kept = outbox.list();
    expect(kept).toHaveLength(500);
    expect([kept[0]!.text, kept[499]!.text]).toEqual(['message 1', 'message 500']);
  });

  it('hands each message, as kept, to the listener it was given', () => {
    const heard: OutboxMessage[] = [];
    const outbox = new Outbox(() => Date.UTC(2026, 0, 2), (message) => heard.push(message));
    outbox.add(base);
    expect(heard).toEqual(outbox.list());
    expect(heard[0]).toMatchObject({ ...base, at: '2026-01-02T00:00:00.000Z' });
  });
});
