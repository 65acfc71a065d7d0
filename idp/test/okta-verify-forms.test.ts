/**
 * Okta Verify's documents over plain HTTP, field by field as Okta's
 * (widget-playground/authenticator-verification-data-ov-only-without-device-known.json,
 * -okta-verify-push.json, -okta-verify-reject-push.json, -okta-verify-totp.json,
 * authenticator-enroll-ov-qr.json, -ov-via-email.json, -ov-email.json, -ov-sms.json), and the
 * requests each step refuses. mfa-okta-verify.test.ts runs the same flows through okta-auth-js,
 * which hides most of these fields.
 */
import { describe, expect, it } from 'vitest';
import { idpPerTest } from './idp-per-test';
import { admin, lastMessage, testClock } from './mfa-helpers';
import { afterPassword, type IdxDocument } from './raw-flow';
import type { RunningIdp } from '../index';

const idpWith = idpPerTest();
const OV_ID = 'autEmulatorVerify001';
const CHANNELS = [{ value: 'qrcode', label: 'QRCODE' }, { value: 'email', label: 'EMAIL' }, { value: 'sms', label: 'SMS' }];
const METHODS = [{ label: 'Get a push notification', value: 'push' }, { label: 'Enter a code', value: 'totp' }];

type Field = { name: string; [key: string]: unknown };

const remediation = (doc: IdxDocument, name: string) => doc.remediation?.value.find((r) => r.name === name) as (Record<string, unknown> & { value: Field[] }) | undefined;
const fields = (doc: IdxDocument, name: string) => remediation(doc, name)?.value.filter((f) => f.name !== 'stateHandle');
const current = (doc: IdxDocument) => (doc.currentAuthenticator as { value: Record<string, unknown> } | undefined)?.value;

const pushAnswer = async (idp: RunningIdp, login: string, action: 'approve' | 'deny', body?: unknown) => {
  const res = await admin(idp, `push/${encodeURIComponent(login)}/${action}`, { method: 'POST', ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('Okta Verify: verifying', () => {
  it('the phone answers the sign-in that waits for a push, beside another of the same person’s at the code form', async () => {
    for (const pushFirst of [true, false]) {
      const idp = await idpWith();
      const atCode = async () => (await afterPassword(idp, 'push-mfa@example.com')).post('challenge', { authenticator: { id: OV_ID, methodType: 'totp' } });
      const atPush = async () => (await afterPassword(idp, 'push-mfa@example.com')).post('challenge', { authenticator: { id: OV_ID, methodType: 'push' } });
      if (pushFirst) {
        await atPush();
        await atCode();
      } else {
        await atCode();
        await atPush();
      }
      expect(await pushAnswer(idp, 'push-mfa@example.com', 'approve'), `push first: ${pushFirst}`).toMatchObject({ status: 200 });
    }
  });

  it('the select option, then push or code as in Okta\'s verification-data form', async () => {
    const idp = await idpWith();
    const { post, first } = await afterPassword(idp, 'push-mfa@example.com');
    const option = ((fields(first.doc, 'select-authenticator-authenticate')?.[0]?.options ?? []) as Array<{ label: string; value: { form: { value: Field[] } } }>).find((o) => o.label === 'Okta Verify');
    expect(option?.value.form.value).toEqual([
      { name: 'id', required: true, value: OV_ID, mutable: false },
      { name: 'methodType', required: false, mutable: true, visible: false, type: 'string', options: METHODS },
    ]);
    const data = await post('challenge', { authenticator: { id: OV_ID } });
    expect(data.status).toBe(200);
    expect(fields(data.doc, 'authenticator-verification-data')).toEqual([
      {
        name: 'authenticator',
        label: 'Okta Verify',
        form: { value: [{ name: 'id', required: true, value: OV_ID, mutable: false }, { name: 'methodType', type: 'string', required: true, options: METHODS }] },
      },
    ]);
    expect(remediation(data.doc, 'authenticator-verification-data')?.relatesTo).toEqual(['$.currentAuthenticator']);
    expect(current(data.doc)).toMatchObject({ key: 'okta_verify', type: 'app', methods: [{ type: 'push' }, { type: 'totp' }] });

    const wrong = await post('challenge', { authenticator: { id: OV_ID, methodType: 'signed_nonce' } });
    expect([wrong.status, wrong.keys]).toEqual([400, ['model.validation.field.invalid']]);
  });

  it('code: Okta\'s totp form; a blank, wrong or reused code each get their message; `passcode` is accepted too', async () => {
    const clock = testClock();
    const idp = await idpWith({ now: clock.now });
    const { post } = await afterPassword(idp, 'push-mfa@example.com');
    const form = await post('challenge', { authenticator: { id: OV_ID, methodType: 'totp' } });
    expect(fields(form.doc, 'challenge-authenticator')).toEqual([
      { name: 'credentials', type: 'object', required: true, form: { value: [{ name: 'totp', label: 'Enter code from Okta Verify app', required: true, visible: true }] } },
    ]);
    expect(current(form.doc)).toMatchObject({ methods: [{ type: 'totp' }] });
    for (const [path, body] of [['challenge/poll', {}], ['challenge/resend', {}]] as const) {
      const refused = await post(path, body);
      expect([path, refused.status, refused.keys]).toEqual([path, 400, ['idx.action.unavailable']]);
    }
    expect(await pushAnswer(idp, 'push-mfa@example.com', 'approve')).toEqual({ status: 404, body: { error: 'No push is waiting for push-mfa@example.com.' } });
    const send = await post('challenge/send', { email: 'a@b.example' });
    expect([send.status, send.keys]).toEqual([400, ['idx.action.unavailable']]);
    const blank = await post('challenge/answer', { credentials: {} });
    expect([blank.status, blank.keys]).toEqual([400, ['model.validation.field.blank']]);
    const wrong = await post('challenge/answer', { credentials: { totp: '000000' } });
    expect([wrong.status, wrong.keys]).toEqual([401, ['api.authn.error.PASSCODE_INVALID']]);
  });

  it('push: a challenge-poll with Okta\'s refresh and a resend action; the phone\'s message names the org', async () => {
    const lines: string[] = [];
    const idp = await idpWith({ log: (line) => lines.push(line) });
    const { post } = await afterPassword(idp, 'push-mfa@example.com');
    const waiting = await post('challenge', { authenticator: { id: OV_ID, methodType: 'push' } });
    expect(remediation(waiting.doc, 'challenge-poll')).toMatchObject({ href: `${idp.origin}/idp/idx/challenge/poll`, refresh: 4000, relatesTo: ['$.currentAuthenticator'] });
    expect(current(waiting.doc)).toMatchObject({ key: 'okta_verify', methods: [{ type: 'push' }], resend: { name: 'resend', href: `${idp.origin}/idp/idx/challenge/resend` } });
    expect(current(waiting.doc)).not.toHaveProperty('contextualData');
    const sent = lastMessage(idp, 'push-mfa@example.com', 'push');
    expect(sent.text).toBe("Did you just try to sign in to Emulator? Yes, it's me / No, it's not me.");
    expect(sent).not.toHaveProperty('correctAnswer');
    expect(lines).toContain('Okta Verify push sent to push-mfa@example.com');
    const answer = await post('challenge/answer', { credentials: { totp: '123456' } });
    expect([answer.status, answer.keys]).toEqual([400, ['idx.action.unavailable']]);
  });

  it('a rejected push: Okta\'s resend form (push, fixed) and the org message, on every poll until a new push', async () => {
    const idp = await idpWith();
    const { post } = await afterPassword(idp, 'push-mfa@example.com');
    await post('challenge', { authenticator: { id: OV_ID, methodType: 'push' } });
    expect(await pushAnswer(idp, 'push-mfa@example.com', 'deny')).toEqual({ status: 200, body: { result: 'denied' } });
    expect((await pushAnswer(idp, 'push-mfa@example.com', 'approve')).status).not.toBe(200);
    const denied = await post('challenge/poll');
    expect(denied.keys).toEqual(['api.authn.poll.error.push_rejected']);
    expect(fields(denied.doc, 'resend')).toEqual([
      {
        name: 'authenticator',
        type: 'object',
        label: 'Okta Verify',
        value: { form: { value: [{ name: 'id', value: OV_ID, required: true, mutable: false }, { name: 'methodType', value: 'push', label: 'PUSH', required: true, mutable: false }] } },
      },
    ]);
    expect(remediation(denied.doc, 'resend')).toMatchObject({ href: `${idp.origin}/idp/idx/challenge`, relatesTo: ['$.currentAuthenticator'] });
    expect(current(denied.doc)).toMatchObject({ methods: [{ type: 'push' }] });
    expect((await post('challenge/poll')).keys).toEqual(['api.authn.poll.error.push_rejected']);
    const again = await post('challenge', { authenticator: { id: OV_ID, methodType: 'push' } });
    expect(again.keys).toEqual([]);
    expect(again.remediations[0]).toBe('challenge-poll');
  });

  it('number challenge: the page shows the number as a string; the phone offers it and two others; the admin API asks for one', async () => {
    const idp = await idpWith();
    const login = 'push-number@example.com';
    const { post, first } = await afterPassword(idp, login);
    // Only push is enrolled: a code is not offered, and choosing Okta Verify sends the push straight away.
    expect(first.remediations).toContain('select-authenticator-authenticate');
    const code = await post('challenge', { authenticator: { id: OV_ID, methodType: 'totp' } });
    expect([code.status, code.keys]).toEqual([400, ['model.validation.field.invalid']]);
    const waiting = await post('challenge', { authenticator: { id: OV_ID } });
    const shown = (current(waiting.doc)?.contextualData as { correctAnswer?: unknown } | undefined)?.correctAnswer;
    expect(shown).toMatch(/^[1-9]\d$/);
    const sent = lastMessage(idp, login, 'push');
    expect(sent.correctAnswer).toBe(Number(shown));
    expect(new Set(sent.choices)).toHaveProperty('size', 3);
    expect(sent.choices).toContain(Number(shown));
    for (const n of sent.choices ?? []) expect(n >= 10 && n < 100).toBe(true);
    expect(sent.text).toBe(`Did you just try to sign in to Emulator? Tap the number the sign-in page shows: ${sent.choices?.join(', ')}.`);
    expect(await pushAnswer(idp, login, 'approve', {})).toEqual({
      status: 400,
      body: { result: 'waiting', status: 400, error: `This push has a number challenge: send {"number": N}, one of ${sent.choices?.join(', ')}.` },
    });
    // The phone shows the right number in any of the three places: over 20 new pushes it is not
    // always in one (all 20 in one place by chance: 3 in 3^20, about 1 in 10^9).
    const places = new Set<number>();
    for (let i = 0; i < 20; i += 1) {
      expect((await post('challenge/resend')).status).toBe(200);
      const push = lastMessage(idp, login, 'push');
      places.add(push.choices?.indexOf(push.correctAnswer ?? -1) ?? -1);
    }
    expect(places.has(-1)).toBe(false);
    expect(places.size).toBeGreaterThan(1);
    const newest = lastMessage(idp, login, 'push');
    expect(await pushAnswer(idp, login, 'approve', { number: newest.correctAnswer })).toEqual({ status: 200, body: { result: 'approved' } });
    expect((await post('challenge/poll')).remediations).toEqual([]);
  });
});

describe('Okta Verify: enrolling', () => {
  const LOGIN = 'enroll-ov@example.com';

  async function channelChoice(idp: RunningIdp) {
    const { post } = await afterPassword(idp, LOGIN);
    const qr = await post('credential/enroll', { authenticator: { id: OV_ID } });
    return { post, qr };
  }

  it('the enroll option asks for a channel, not a method', async () => {
    const idp = await idpWith();
    const { first } = await afterPassword(idp, LOGIN);
    const options = (fields(first.doc, 'select-authenticator-enroll')?.[0]?.options ?? []) as Array<{ label: string; value: { form: { value: Field[] } } }>;
    expect(options.find((o) => o.label === 'Okta Verify')?.value.form.value).toEqual([
      { name: 'id', required: true, value: OV_ID, mutable: false },
      { name: 'channel', required: false, type: 'string', options: CHANNELS },
    ]);
    expect((first.doc.authenticators as { value: unknown[] }).value).toContainEqual({ type: 'app', key: 'okta_verify', id: OV_ID, displayName: 'Okta Verify', methods: [{ type: 'push' }, { type: 'totp' }] });
  });

  it('QR code first: an enroll-poll with Okta\'s refresh and the channel form; the code is an embedded PNG', async () => {
    const lines: string[] = [];
    const idp = await idpWith({ log: (line) => lines.push(line) });
    const { post, qr } = await channelChoice(idp);
    expect(qr.remediations.slice(0, 2)).toEqual(['enroll-poll', 'select-enrollment-channel']);
    expect(remediation(qr.doc, 'enroll-poll')).toMatchObject({ href: `${idp.origin}/idp/idx/challenge/poll`, refresh: 4000 });
    expect(fields(qr.doc, 'enroll-poll')).toEqual([]);
    expect(fields(qr.doc, 'select-enrollment-channel')).toEqual([
      {
        name: 'authenticator',
        type: 'object',
        label: 'Okta Verify',
        value: { form: { value: [{ name: 'id', value: OV_ID, required: true, mutable: false, visible: false }, { name: 'channel', required: true, visible: true, options: CHANNELS }] } },
      },
    ]);
    expect(remediation(qr.doc, 'select-enrollment-channel')?.href).toBe(`${idp.origin}/idp/idx/credential/enroll`);
    const data = current(qr.doc)?.contextualData as { qrcode: Record<string, string>; selectedChannel: string };
    expect(data).toEqual({ qrcode: { href: expect.stringMatching(/^data:image\/png;base64,/), method: 'embedded', type: 'image/png' }, selectedChannel: 'qrcode' });
    expect(lastMessage(idp, LOGIN, 'qrcode')).toMatchObject({ to: 'Okta Verify', purpose: 'activate', text: 'A QR code to set up Okta Verify is on the sign-in page (scanning it opens this link).' });
    expect(lines).toContain(`Okta Verify activation by qrcode for ${LOGIN}`);
    for (const [path, body] of [['challenge/send', { email: 'a@b.example' }], ['challenge/resend', {}], ['challenge/answer', { credentials: { totp: '123456' } }]] as const) {
      const refused = await post(path, body);
      expect([path, refused.status, refused.keys]).toEqual([path, 400, ['idx.action.unavailable']]);
    }
    const unknown = await post('credential/enroll', { authenticator: { id: OV_ID, channel: 'fax' } });
    expect([unknown.status, unknown.keys]).toEqual([400, ['model.validation.field.invalid']]);
    await post('credential/enroll', { authenticator: { id: OV_ID, channel: 'qrcode' } });
    const opened = await admin(idp, `outbox/${lastMessage(idp, LOGIN, 'qrcode').id}/open`, { method: 'POST' });
    expect(opened.status).toBe(200);
    expect((await post('challenge/poll')).remediations).toEqual([]);

    // Enrolled by the phone: both methods, and pushes without a number challenge.
    const next = await afterPassword(idp, LOGIN);
    const waiting = await next.post('challenge', { authenticator: { id: OV_ID, methodType: 'push' } });
    expect(current(waiting.doc)).not.toHaveProperty('contextualData');
    expect(lastMessage(idp, LOGIN, 'push')).not.toHaveProperty('choices');
  });

  it('by email: Okta\'s data form, then the address and a resend carrying it; the cooldown is the email one', async () => {
    const clock = testClock();
    const idp = await idpWith({ now: clock.now });
    const { post } = await channelChoice(idp);
    const data = await post('credential/enroll', { authenticator: { id: OV_ID, channel: 'email' } });
    expect(data.remediations.slice(0, 2)).toEqual(['enrollment-channel-data', 'select-enrollment-channel']);
    expect(fields(data.doc, 'enrollment-channel-data')).toEqual([{ name: 'email', label: 'Email', required: true, visible: true }]);
    expect(remediation(data.doc, 'enrollment-channel-data')?.href).toBe(`${idp.origin}/idp/idx/challenge/send`);
    expect(current(data.doc)?.contextualData).toEqual({ selectedChannel: 'email' });
    expect(current(data.doc)).not.toHaveProperty('resend');
    expect((await post('challenge/resend')).keys).toEqual(['idx.action.unavailable']);

    const blank = await post('challenge/send', { email: '  ' });
    expect([blank.status, blank.keys]).toEqual([400, ['model.validation.field.blank']]);
    expect(fields(blank.doc, 'enrollment-channel-data')?.[0]).toMatchObject({ name: 'email', messages: { type: 'array', value: [{ i18n: { key: 'model.validation.field.blank' } }] } });
    for (const bad of ['olive@phone', 'olive phone@example.com', 'olive@phone.example x', `${'o'.repeat(250)}@example.com`]) {
      expect((await post('challenge/send', { email: bad })).keys).toEqual([bad.length > 256 ? 'model.validation.field.blank' : 'model.validation.field.invalid']);
    }
    const sent = await post('challenge/send', { email: ' olive@phone.example ' });
    expect(sent.remediations.slice(0, 2)).toEqual(['enroll-poll', 'select-enrollment-channel']);
    expect(current(sent.doc)?.contextualData).toEqual({ selectedChannel: 'email', email: 'olive@phone.example' });
    const resend = current(sent.doc)?.resend as { name: string; value: Field[] };
    expect(resend.name).toBe('resend');
    expect(resend.value.map((f) => f.name)).toEqual(['email', 'stateHandle']);
    expect(resend.value[0]).toEqual({ name: 'email', required: true, value: 'olive@phone.example', visible: false, mutable: false });
    expect(lastMessage(idp, LOGIN, 'email')).toMatchObject({ to: 'olive@phone.example', text: 'Set up Okta Verify for Emulator: open this link on your phone.' });
    clock.advance(29_001);
    const soon = await post('challenge/resend');
    expect([soon.status, soon.keys]).toEqual([429, ['tooManyRequests']]);
    expect(JSON.stringify(soon.doc.messages)).toContain('An email was recently sent. Please wait 1 second before trying again.');
  });

  it('by SMS: the phone number form; the number goes to the resend as `phone`; the cooldown is the SMS one', async () => {
    const clock = testClock();
    const idp = await idpWith({ now: clock.now });
    const { post } = await channelChoice(idp);
    const data = await post('credential/enroll', { authenticator: { id: OV_ID, channel: 'sms' } });
    expect(fields(data.doc, 'enrollment-channel-data')).toEqual([{ name: 'phoneNumber', label: 'Phone number', required: true, visible: true }]);
    expect((await post('challenge/send', { phoneNumber: 42 })).keys).toEqual(['api.factors.error.sms.invalid_phone']);
    const sent = await post('challenge/send', { phoneNumber: '+1 555 010 0042' });
    expect(current(sent.doc)?.contextualData).toEqual({ selectedChannel: 'sms', phoneNumber: '+15550100042' });
    expect((current(sent.doc)?.resend as { value: Field[] }).value[0]).toEqual({ name: 'phone', required: true, value: '+15550100042', visible: false, mutable: false });
    const first = lastMessage(idp, LOGIN, 'sms');
    const soon = await post('challenge/resend');
    expect([soon.status, soon.keys]).toEqual([429, ['errors.E0000109']]);
    expect(JSON.stringify(soon.doc.messages)).toContain('An SMS message was recently sent. Please wait 30 seconds before trying again.');
    clock.advance(30_000);
    const again = await post('challenge/resend');
    expect(again.status).toBe(200);
    const second = lastMessage(idp, LOGIN, 'sms');
    expect(second.id).not.toBe(first.id);
    expect(second).toMatchObject({ to: '+15550100042', purpose: 'activate' });
  });
});

