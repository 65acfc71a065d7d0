/**
 * Per-endpoint fault injection. A fault applies to every request of its endpoint, or to the next
 * `times` requests and then clears itself. Set from code (`idp.faults`) or the admin endpoint.
 */
import { z } from 'zod';
import { firstIssue } from '../first-issue';
import { BAD_ID_TOKEN_VARIANTS, IDP_ENDPOINTS, type FaultSpec, type IdpEndpoint } from '../types';

const times = z.number().int().min(1).max(1_000_000).optional();

const faultSpecSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('latency'), ms: z.number().int().min(0).max(120_000), times }).strict(),
  z.object({ kind: z.literal('status'), status: z.number().int().min(400).max(599), times }).strict(),
  z.object({ kind: z.literal('rate-limit'), retryAfterSeconds: z.number().int().min(0).max(86_400), times }).strict(),
  z.object({ kind: z.literal('malformed'), times }).strict(),
  z.object({ kind: z.literal('drop'), times }).strict(),
  z.object({ kind: z.literal('wrong-content-type'), times }).strict(),
  z.object({ kind: z.literal('bad-id-token'), variant: z.enum(BAD_ID_TOKEN_VARIANTS), times }).strict(),
]);

export function isEndpoint(name: string): name is IdpEndpoint {
  return (IDP_ENDPOINTS as readonly string[]).includes(name);
}

/** Validates a fault for an endpoint; throws an Error with a readable reason. */
export function validateFault(endpoint: string, fault: unknown): FaultSpec {
  if (!isEndpoint(endpoint)) throw new Error(`Unknown endpoint "${endpoint}". Known: ${IDP_ENDPOINTS.join(', ')}`);
  const parsed = faultSpecSchema.safeParse(fault);
  if (!parsed.success) {
    throw new Error(`Invalid fault: ${firstIssue(parsed.error, 'body')}`);
  }
  if (parsed.data.kind === 'bad-id-token' && endpoint !== 'token') {
    throw new Error('The bad-id-token fault applies only to the token endpoint');
  }
  return parsed.data;
}

interface ActiveFault {
  spec: FaultSpec;
  remaining: number | undefined;
}

export class FaultRegistry {
  private readonly active = new Map<IdpEndpoint, ActiveFault>();
  private readonly held = new Set<() => void>();
  private readonly holdWatchers: Array<() => void> = [];

  /**
   * A latency fault's wait: `ms`, or until `release()`. A test that needs a request held while
   * it does something else sets a long latency and releases it when done, instead of betting
   * that a short one outlasts its steps on a busy machine.
   */
  delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.held.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.held.add(done);
      for (const watcher of this.holdWatchers.splice(0)) watcher();
    });
  }

  /**
   * Resolves once a latency fault is holding a request (at once if one is now): a test that
   * acts while the org "is slow" waits for this, not for the client to have sent the request,
   * which may not have reached the emulator yet.
   */
  holding(): Promise<void> {
    if (this.held.size > 0) return Promise.resolve();
    return new Promise((resolve) => this.holdWatchers.push(resolve));
  }

  /** Ends every latency wait in progress now; those requests are then answered normally. */
  release(): void {
    for (const done of [...this.held]) done();
  }

  set(endpoint: IdpEndpoint, fault: FaultSpec): void {
    const spec = validateFault(endpoint, fault);
    this.active.set(endpoint, { spec, remaining: spec.times });
  }

  clear(endpoint?: IdpEndpoint): void {
    if (endpoint) this.active.delete(endpoint);
    else this.active.clear();
  }

  list(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [endpoint, fault] of this.active) {
      out[endpoint] = { ...fault.spec, ...(fault.remaining !== undefined ? { remaining: fault.remaining } : {}) };
    }
    return out;
  }

  /** The fault to apply to this request (counting one use), or undefined. */
  take(endpoint: IdpEndpoint): FaultSpec | undefined {
    const fault = this.active.get(endpoint);
    if (!fault) return undefined;
    if (fault.remaining !== undefined) {
      fault.remaining -= 1;
      if (fault.remaining <= 0) this.active.delete(endpoint);
    }
    return fault.spec;
  }
}
