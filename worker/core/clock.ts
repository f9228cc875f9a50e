/** The one clock of the worker: milliseconds since the epoch. */
export function now(): number {
  return Date.now();
}
