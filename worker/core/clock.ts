/**
 * The one clock of the worker: milliseconds since the epoch. Every expiry, cool-down and cap reads
 * it, so tests move time here (never by rewriting rows or sleeping).
 */
let offsetMs = 0;

/** Now, by the worker's clock. */
export function now(): number {
  return Date.now() + offsetMs;
}

/**
 * Tests only: moves the worker's clock (in this isolate, which in the Workers test pool is also
 * the Durable Objects' isolate). Nothing in the worker calls it; no route reaches it. Alarms keep
 * the runtime's own time: fire them with `runDurableObjectAlarm`.
 */
export const testClock = {
  /** Moves the clock forward by `ms`. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('The clock only moves forward.');
    offsetMs += ms;
  },
  /** Back to the runtime's time. */
  reset(): void {
    offsetMs = 0;
  },
};
