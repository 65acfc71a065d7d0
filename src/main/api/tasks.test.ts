/** loadTasks turns the API's answer into the panel's view; nothing unchecked reaches the renderer. */
import { describe, expect, it } from 'vitest';
import { message } from '../../shared/i18n/text';
import { inEnglish } from '../testing/in-english';
import type { AuthorizedFetch, AuthorizedResponse } from './authorized-fetch';
import { loadTasks } from './tasks';

/** loadTasks, with its catalog messages in English. */
const load = async (authorizedFetch: AuthorizedFetch) => inEnglish(await loadTasks(authorizedFetch));

const answering = (answer: AuthorizedResponse): AuthorizedFetch => async () => answer;
/** As authorizedFetch answers: a 2xx body read, another status's left unread. */
const json = (body: unknown, status = 200, headers: Record<string, string> = {}) => {
  const ok = status >= 200 && status < 300;
  const bytes = ok ? new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body)) : new Uint8Array();
  return answering({ ok: true, response: { status, ok, headers: new Headers(headers), body: bytes } });
};
const ERROR = { status: 'failed', code: 'idp-error', message: 'The API returned an error. Please try again.' };

describe('loadTasks', () => {
  it('keeps the owner and the tasks, dropping fields it does not know', async () => {
    const body = { owner: 'a@example.com', extra: 'x', tasks: [{ id: 't1', title: 'One', done: true, secret: 'x' }] };
    // Not in English: a task's `id` would read as a catalog message id.
    expect(await loadTasks(json(body))).toEqual({ status: 'loaded', owner: 'a@example.com', tasks: [{ id: 't1', title: 'One', done: true }] });
  });

  it('asks for JSON at /api/tasks', async () => {
    const seen: unknown[] = [];
    await loadTasks(async (path, init) => {
      seen.push(path, init);
      return { ok: false, signedOut: true };
    });
    expect(seen).toEqual(['/api/tasks', { headers: { Accept: 'application/json' } }]);
  });

  it('shows at most 50 tasks', async () => {
    const tasks = Array.from({ length: 60 }, (_, i) => ({ id: `t${i}`, title: `T${i}`, done: false }));
    const view = await loadTasks(json({ owner: 'a', tasks }));
    expect(view.status === 'loaded' && view.tasks.map((t) => t.id)).toEqual(tasks.slice(0, 50).map((t) => t.id));
  });

  it('refuses a body that is not JSON, has the wrong shape or too long a title', async () => {
    expect(await load(json('<html>'))).toEqual(ERROR);
    expect(await load(json({ owner: 'a', tasks: [{ id: 't', title: 'T', done: 'yes' }] }))).toEqual(ERROR);
    expect(await load(json({ owner: 'a', tasks: [{ id: '', title: 'T', done: true }] }))).toEqual(ERROR);
    expect(await load(json({ owner: 'a', tasks: [{ id: 't', title: 'x'.repeat(201), done: true }] }))).toEqual(ERROR);
  });

  it('maps statuses: 401/403 configuration, 429 busy with Retry-After, others an error', async () => {
    const configuration = { status: 'failed', code: 'configuration', message: 'The API does not accept this app’s sign-in. Contact your administrator.' };
    expect(await load(json({}, 401))).toEqual(configuration);
    expect(await load(json({}, 403))).toEqual(configuration);
    expect(await load(json({}, 429, { 'Retry-After': '12' }))).toEqual({
      status: 'failed',
      code: 'rate-limited',
      message: 'The API is busy right now. Please wait a moment and try again.',
      retryAfterSeconds: 12,
    });
    expect(await load(json({}, 429))).toEqual({ status: 'failed', code: 'rate-limited', message: 'The API is busy right now. Please wait a moment and try again.' });
    expect(await load(json({}, 404))).toEqual(ERROR);
    expect(await load(json({}, 500))).toEqual(ERROR);
  });

  it('names no wait at all for a 429 without Retry-After', async () => {
    const view = await loadTasks(json({}, 429));
    expect(view).toMatchObject({ status: 'failed', code: 'rate-limited' });
    expect(view).not.toHaveProperty('retryAfterSeconds');
  });

  it('passes on a signed-out session and a failure as they are', async () => {
    expect(await load(answering({ ok: false, signedOut: true }))).toEqual({ status: 'signed-out' });
    const failure = { code: 'network', message: message('api.failure.timeout') } as const;
    expect(await loadTasks(answering({ ok: false, failure }))).toEqual({ status: 'failed', ...failure });
  });
});
