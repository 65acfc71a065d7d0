/**
 * The sandboxed preload on stand-ins of contextBridge and ipcRenderer (Electron 45: an
 * exposeInMainWorld key can be bound once; ipcRenderer listeners get (event, ...args); see
 * src/main/testing/electron-standin.ts). Checks our wiring, not Electron itself.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { BRIDGE_GLOBAL, CHANNELS, EVENTS, type AuthView, type DesktopAuthApi } from '../shared/contract';
import { ipcRenderer, standin } from '../main/testing/electron-standin';

vi.mock('electron', () => import('../main/testing/electron-standin'));

let api: DesktopAuthApi;
beforeAll(async () => {
  standin.reset();
  await import('./index');
  api = standin.state.exposed.get(BRIDGE_GLOBAL) as DesktopAuthApi;
});

describe('preload', () => {
  it('exposes exactly one frozen API object, with one function per bridge method and nothing of IPC', () => {
    expect([...standin.state.exposed.keys()]).toEqual([BRIDGE_GLOBAL]);
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.keys(api).sort()).toEqual([...Object.keys(CHANNELS), 'onStateChanged'].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
  });

  it('invokes the method\'s channel with the payload and returns main\'s result', async () => {
    const seen: Array<[string, unknown]> = [];
    ipcRenderer.invokeHandler = async (channel, payload) => {
      seen.push([channel, payload]);
      return { ok: true, value: { status: 'signed-out', messages: [] } };
    };
    expect(await api.signIn({ username: 'a@example.com', password: 'pw' })).toEqual({ ok: true, value: { status: 'signed-out', messages: [] } });
    expect(seen).toEqual([[CHANNELS.signIn, { username: 'a@example.com', password: 'pw' }]]);
  });

  it('invokes getTasks on its own channel, with no payload, and returns the tasks view as main sent it', async () => {
    const seen: Array<[string, unknown]> = [];
    const tasks = { status: 'loaded', owner: 'a@example.com', tasks: [{ id: 't', title: 'T', done: false }] };
    ipcRenderer.invokeHandler = async (channel, payload) => {
      seen.push([channel, payload]);
      return { ok: true, value: tasks };
    };
    expect(await api.getTasks()).toEqual({ ok: true, value: tasks });
    expect(seen).toEqual([['api:get-tasks', undefined]]);
  });

  it('hands listeners the view only (never the IpcRendererEvent), and unsubscribes', () => {
    const views: unknown[] = [];
    const unsubscribe = api.onStateChanged((view) => views.push(view));
    const view: AuthView = { status: 'signed-out', messages: [] };
    standin.emitToRenderer(EVENTS.stateChanged, view);
    unsubscribe();
    standin.emitToRenderer(EVENTS.stateChanged, view);
    expect(views).toEqual([view]);
  });

  it('turns an answer that is not a bridge result, or a failed invoke, into the one transport failure', async () => {
    const failure = { ok: false, error: { code: 'internal', message: 'The app could not reach its background process.' } };
    for (const answer of [undefined, null, 'ok', 1, {}, { ok: 'yes' }, { value: 1 }]) {
      ipcRenderer.invokeHandler = async () => answer;
      expect(await api.getState(), JSON.stringify(answer)).toEqual(failure);
    }
    ipcRenderer.invokeHandler = async () => ({ ok: false, error: { code: 'busy', message: 'Please wait for the current request to finish.' } });
    expect(await api.getState()).toEqual({ ok: false, error: { code: 'busy', message: 'Please wait for the current request to finish.' } });
    ipcRenderer.invokeHandler = async () => {
      throw new Error('No handler registered');
    };
    expect(await api.getState()).toEqual(failure);
  });

  it('refuses a listener that is not a function', () => {
    for (const listener of [undefined, 'f', {}]) {
      expect(() => api.onStateChanged(listener as never)).toThrow(new TypeError('onStateChanged needs a function'));
    }
  });
});
