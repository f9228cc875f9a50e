import { describe, expect, it } from 'vitest';
import { fanOut } from './fan-out.ts';

describe('fanOut', () => {
  it('starts every task before any has finished (in parallel, not one after another)', async () => {
    const events: string[] = [];
    await fanOut([1, 2, 3], async (n) => {
      events.push(`start ${n}`);
      await Promise.resolve();
      events.push(`end ${n}`);
      return true;
    });
    expect(events.slice(0, 3)).toEqual(['start 1', 'start 2', 'start 3']);
  });

  it('lets one failing or throwing task not stop the others, and names the ones that failed', async () => {
    const done: number[] = [];
    const failed = await fanOut([1, 2, 3, 4], async (n) => {
      if (n === 1) throw new Error('provider down');
      if (n === 3) return false;
      done.push(n);
      return true;
    });
    expect(done).toEqual([2, 4]);
    expect(failed).toEqual([1, 3]);
  });
});
