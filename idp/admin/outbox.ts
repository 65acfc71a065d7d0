/**
 * What the emulated org "sent": emails, SMS and voice codes, magic links, Okta Verify activation
 * links and pushes. Nothing leaves the machine; tests and people read them here
 * (`GET /__admin/outbox?login=…`, printed by `npm run idp`). Codes and links are the point of
 * the outbox, so they are here in clear; they never go to the emulator's log.
 */
import { randomToken } from '../http/http-util';

export type OutboxChannel = 'email' | 'sms' | 'voice' | 'push' | 'qrcode';

export interface OutboxMessage {
  id: string;
  /** ISO time by the emulator's clock. */
  at: string;
  login: string;
  channel: OutboxChannel;
  /** Address, phone number, or "Okta Verify" for pushes and QR codes. */
  to: string;
  /** What the message is for. */
  purpose: 'verify' | 'enroll' | 'activate';
  /** The message as a person would read it. */
  text: string;
  code?: string;
  /** A link that completes the step when opened (`POST /__admin/outbox/{id}/open` or GET it). */
  link?: string;
  /** Okta Verify number challenge: the number the sign-in page shows, and the choices on the phone. */
  correctAnswer?: number;
  choices?: number[];
}

/** Enough history for a long manual session; the oldest messages go first. */
const MAX_MESSAGES = 500;

export class Outbox {
  private readonly messages: OutboxMessage[] = [];

  constructor(
    private readonly now: () => number,
    private readonly onMessage: (message: OutboxMessage) => void = () => {},
  ) {}

  add(message: Omit<OutboxMessage, 'id' | 'at'>): OutboxMessage {
    const full: OutboxMessage = { id: `msg_${randomToken(9)}`, at: new Date(this.now()).toISOString(), ...message };
    this.messages.push(full);
    if (this.messages.length > MAX_MESSAGES) this.messages.splice(0, this.messages.length - MAX_MESSAGES);
    this.onMessage(full);
    return full;
  }

  /** Oldest first; only one login's when given (case-insensitive). */
  list(login?: string): OutboxMessage[] {
    const wanted = login?.trim().toLowerCase();
    return this.messages.filter((m) => wanted === undefined || m.login.toLowerCase() === wanted).map((m) => ({ ...m }));
  }

  find(id: string): OutboxMessage | undefined {
    return this.messages.find((m) => m.id === id);
  }

  clear(): void {
    this.messages.length = 0;
  }
}

/** One line per message for the console of `npm run idp` (codes and links included: that is its job). */
export function describeMessage(m: OutboxMessage): string {
  const parts = [`outbox: ${m.channel} to ${m.to} (${m.login}, ${m.purpose}): ${m.text}`];
  if (m.link) parts.push(`  link: ${m.link}`);
  return parts.join('\n');
}
