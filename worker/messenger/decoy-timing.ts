/**
 * Decoy timing: a withheld send (unknown account, not its destination) takes about as long as a real
 * one, so the provider's latency does not tell from outside which accounts exist (DESIGN.md: unknown
 * user and wrong code look alike). Never less than a fixed minimum, even in a fresh isolate that has
 * not timed a real send yet.
 */

/** A provider round trip is rarely faster than this; a fresh isolate pads withheld sends by at least it. */
export const minimumPaddingMs = 250;
/** Never wait longer than a provider's timeout. */
const maximumPaddingMs = 10_000;

/** How long real sends take here: an exponential moving average, never below the minimum. */
export class SendTimer {
  #typicalMs = 0;

  /** Notes how long a real send took. */
  note(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return;
    this.#typicalMs = this.#typicalMs === 0 ? ms : this.#typicalMs * 0.8 + ms * 0.2;
  }

  /** How long a withheld send should wait: the typical time ±25 % (`random` in [0, 1)), never below the minimum. */
  padding(random: number): number {
    const typical = Math.max(minimumPaddingMs, this.#typicalMs);
    return Math.max(minimumPaddingMs, Math.min(maximumPaddingMs, typical * (0.75 + random * 0.5)));
  }
}

/**
 * The timer seam: how the messenger waits. Tests replace `pause` to see the padding asked for
 * without sleeping; nothing else in the worker waits for a decoy.
 */
export const decoyClock = {
  pause: (ms: number): Promise<void> => new Promise((resume) => setTimeout(resume, ms)),
};

/** Real sends' typical time in this isolate: withheld sends take as long. */
export const sendTimer = new SendTimer();
