/** Sessions as time passes on the worker's clock (`testClock`): the limits the tests run with, and a session kept in use. */
import { testClock } from '../../worker/core/clock.ts';
import { call } from './client.ts';

export const idleMs = 30 * 60_000; // SESSION_IDLE_MINUTES in wrangler.toml
export const absoluteMs = 12 * 3_600_000; // SESSION_ABSOLUTE_HOURS in wrangler.toml
/** A minute short of the idle limit: how far the clock moves between two uses of a session kept in use. */
export const almostIdleMs = idleMs - 60_000;
/** Uses of a session kept in use (every 29 minutes) that its absolute lifetime lasts. */
export const usesInLifetime = Math.floor(absoluteMs / almostIdleMs);

/** Uses a session `times` times, the clock moving `almostIdleMs` before each; answers the statuses. */
export async function useAlmostIdle(session: string, times: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < times; i += 1) {
    testClock.advance(almostIdleMs);
    statuses.push((await call('/api/me', { cookie: session })).status);
  }
  return statuses;
}
