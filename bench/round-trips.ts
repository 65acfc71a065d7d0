/** Round-trip rows: the endpoints a step requested, compared with the protocol minimum as lists. */
import type { IdpEndpoint } from '../idp/index';
import type { Row } from './stats';

/** The requests made, as a sorted list with repeats, e.g. ['identify', 'interact', 'revoke', 'revoke']. */
const requestList = (counts: Partial<Record<IdpEndpoint, number>>): string[] =>
  Object.entries(counts)
    .flatMap(([endpoint, n]) => Array<string>(n).fill(endpoint))
    .sort();

/** Met when the endpoints requested are exactly the protocol minimum: none missing, none extra, none twice. */
export function tripRow(metric: string, counts: Partial<Record<IdpEndpoint, number>>, minimum: ReadonlyArray<IdpEndpoint> | undefined): Row {
  const made = requestList(counts);
  const detail = Object.entries(counts).map(([endpoint, n]) => (n === 1 ? endpoint : `${endpoint} x${n}`)).join(', ') || 'none';
  if (!minimum) return { section: 'round trips', metric, value: `${made.length}: ${detail}`, unit: 'requests' };
  const wanted = [...minimum].sort();
  const extra = [...made];
  const missing: string[] = [];
  for (const endpoint of wanted) {
    const at = extra.indexOf(endpoint);
    if (at >= 0) extra.splice(at, 1);
    else missing.push(endpoint);
  }
  const diff = [extra.length ? `extra: ${extra.join(', ')}` : '', missing.length ? `missing: ${missing.join(', ')}` : ''].filter(Boolean).join('; ');
  return {
    section: 'round trips',
    metric,
    value: `${made.length}: ${detail}${diff ? ` (${diff})` : ''}`,
    unit: 'requests',
    target: minimum.length ? `= ${minimum.join(', ')}` : '= none',
    met: extra.length === 0 && missing.length === 0,
  };
}

/** The protocol minimum for an embedded password sign-in (see docs/benchmarks.md). */
export const WARM_MINIMUM: IdpEndpoint[] = ['interact', 'introspect', 'identify', 'token', 'userinfo'];
export const COLD_MINIMUM: IdpEndpoint[] = ['well-known', 'keys', ...WARM_MINIMUM];

