/**
 * A short memory, per worker isolate, of things a Durable Object has just confirmed (a session, an
 * API key), so that a burst of requests costs one Durable Object call instead of two each. The
 * caller decides how long an entry may live; `forget` and `forgetWhere` drop entries at once in
 * this isolate (elsewhere they lapse within that time).
 */

const maxEntries = 10_000;

export class ConfirmationCache<V> {
  #entries = new Map<string, { value: V; until: number }>();

  /** The confirmed value for this key, if confirmed recently enough. */
  get(key: string, at: number): V | null {
    const entry = this.#entries.get(key);
    if (!entry) return null;
    if (at >= entry.until) {
      this.#entries.delete(key);
      return null;
    }
    return entry.value;
  }

  /** Remembers a confirmation until `until` (already capped by the caller). */
  put(key: string, value: V, until: number): void {
    if (this.#entries.size >= maxEntries) {
      // Maps iterate in insertion order: drop the oldest.
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(key, { value, until });
  }

  /** Forgets one entry. */
  forget(key: string): void {
    this.#entries.delete(key);
  }

  /** Forgets every entry whose value matches. */
  forgetWhere(matches: (value: V) => boolean): void {
    for (const [key, entry] of this.#entries) if (matches(entry.value)) this.#entries.delete(key);
  }

  get size(): number {
    return this.#entries.size;
  }
}
