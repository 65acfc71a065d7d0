import type { Message } from '../../shared/contract';

/** A wait in whole minutes and seconds, never rounded: 100 s is "1 minute 40 seconds", not "2 minutes". */
export function duration(totalSeconds: number): Message {
  const seconds = Math.max(0, Math.ceil(totalSeconds));
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (minutes === 0) return { id: 'time.seconds', values: { count: rest } };
  return rest === 0 ? { id: 'time.minutes', values: { count: minutes } } : { id: 'time.minutesSeconds', values: { minutes, seconds: rest } };
}
