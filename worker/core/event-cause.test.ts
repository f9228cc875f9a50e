import { describe, expect, it } from 'vitest';
import { byAlarm, requestIdOf, sourceOf } from './event-cause.ts';

describe('the cause of a security event', () => {
  const requestId = `req_${'ab'.repeat(16)}`;

  it('names a request by its id, checked as if from outside', () => {
    expect(requestIdOf({ requestId })).toBe(requestId);
    expect(requestIdOf({ requestId, ip: '203.0.113.7', userAgent: 'x' })).toBe(requestId);
    for (const wrong of [{ requestId: 'req_1' }, { requestId: 42 }, {}, null, undefined, 'req_x'])
      expect(requestIdOf(wrong)).toBeNull();
  });

  it('says alarm only for the alarm cause, unknown for anything else without a request id', () => {
    expect(sourceOf({ requestId })).toBe('request');
    expect(sourceOf(byAlarm)).toBe('alarm');
    expect(requestIdOf(byAlarm)).toBeNull();
    expect(sourceOf(undefined)).toBe('unknown');
    expect(sourceOf({ requestId: 'forged' })).toBe('unknown');
  });
});
