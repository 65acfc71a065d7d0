/**
 * One-time codes the org sends (email, SMS, voice): random, valid for the org's code lifetime,
 * good once, superseded by the next one sent.
 */
import { randomInt } from 'node:crypto';
import { sameSecret } from '../http/http-util';
import type { FactorEnv } from './types';

export interface SentCode {
  value: string;
  sentAt: number;
  expiresAt: number;
  used: boolean;
}

export type CodeCheck = 'ok' | 'wrong' | 'expired' | 'used';

export function newCode(env: FactorEnv): SentCode {
  const now = env.now();
  return { value: String(randomInt(0, 1_000_000)).padStart(6, '0'), sentAt: now, expiresAt: now + env.settings.codeTtlMs, used: false };
}

/** Checks a code a person typed; a right one is used up. */
export function checkCode(env: FactorEnv, code: SentCode | undefined, typed: string): CodeCheck {
  if (!code || !sameSecret(typed.trim(), code.value)) return 'wrong';
  if (code.used) return 'used';
  if (code.expiresAt <= env.now()) return 'expired';
  code.used = true;
  return 'ok';
}

/** Milliseconds before another code may be sent (0 = now). */
export function cooldownLeft(env: FactorEnv, code: SentCode | undefined): number {
  if (!code) return 0;
  return Math.max(0, code.sentAt + env.settings.resendCooldownMs - env.now());
}
