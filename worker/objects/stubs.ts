/**
 * Durable Object stubs for the objects, which do not import http/ (worker/http/stubs.ts re-exports
 * these for the routes): one way to turn an id into a stub, so that no object keeps its own copy.
 */
import type { Env } from '../env.ts';

const idPattern = /^[0-9a-f]{64}$/;

/** The object with an id that arrived from outside, or null when it is not an id of this namespace. */
export function fromString<T extends Rpc.DurableObjectBranded | undefined>(
  ns: DurableObjectNamespace<T>,
  id: unknown,
): DurableObjectStub<T> | null {
  if (typeof id !== 'string' || !idPattern.test(id)) return null;
  try {
    return ns.get(ns.idFromString(id));
  } catch {
    // Not an id this namespace made (idFromString checks): treat it like an unknown one.
    return null;
  }
}

/** The Account object of an id the worker made and holds itself (a session's, a ceremony's party). */
export const accountOf = (env: Env, id: string) => env.ACCOUNT.get(env.ACCOUNT.idFromString(id));
