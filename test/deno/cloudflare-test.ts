/**
 * `cloudflare:test` for the worker tests on Deno: the same helpers over the Deno runtime, so a test
 * that looks inside an object or fires its alarm runs on both runtimes.
 */
import { server } from './worker-under-test.ts';

/** Runs `body` inside the object, as one of its events (workerd: vitest-pool-workers' helper). */
export function runInDurableObject<O, R>(
  stub: DurableObjectStub,
  body: (instance: O, state: DurableObjectState) => R | Promise<R>,
): Promise<R> {
  return server.runtime.inside(stub, (instance, ctx) => body(instance as O, ctx));
}

/** Runs the object's alarm now if one is set; false when none is. */
export function runDurableObjectAlarm(stub: DurableObjectStub): Promise<boolean> {
  return server.runtime.runAlarmNow(stub);
}

/** An ExecutionContext whose waitUntil promises waitOnExecutionContext awaits. */
export function createExecutionContext(): ExecutionContext {
  const pending: Promise<unknown>[] = [];
  return {
    waitUntil: (p: Promise<unknown>) => void pending.push(p),
    passThroughOnException: () => {},
    props: {},
    pending,
  } as unknown as ExecutionContext;
}

export async function waitOnExecutionContext(ctx: ExecutionContext): Promise<void> {
  await Promise.allSettled((ctx as unknown as { pending: Promise<unknown>[] }).pending);
}
