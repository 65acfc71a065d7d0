/** What a bridge call answers: a value, or a refusal with a code the renderer explains and English detail for developers. */
import type { BridgeError, BridgeResponse, BridgeResult } from '../../shared/contract';

export const ok = <T extends BridgeResponse>(value: T): BridgeResult<T> => ({ ok: true, value });
export const fail = (code: BridgeError['code'], message: string): BridgeResult<never> => ({ ok: false, error: { code, message } });
/** The call does not fit the screen shown now. */
export const WRONG_STATE = (what: string): BridgeResult<never> => fail('wrong-state', `You cannot ${what} right now.`);
/** The app is being disposed (the window closing, the app quitting): nothing new starts. */
export const SHUTTING_DOWN = (): BridgeResult<never> => fail('internal', 'The app is shutting down.');
/** One action at a time: another is still running. */
export const BUSY = (): BridgeResult<never> => fail('busy', 'Please wait for the current request to finish.');
