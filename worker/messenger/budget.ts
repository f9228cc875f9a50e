/** Taking places from SendBudget objects (objects/send-budget.ts) under the caps of limits.ts. */
import { fail, ok, type Result } from '../core/result.ts';
import type { SendBudget } from '../objects/send-budget.ts';
import { capsOf, type MessengerLimits } from './limits.ts';

export type BudgetAnswer = Result<null, 'rate_limited'> & { retryAfterMs?: number };

/** A SendBudget name: a known kind, then up to 320 printable characters (a destination, an IP, an id). */
const namePattern = /^(?:to|notice-to|account|notices|ip|key|register):[^\s]{1,320}$/;

/**
 * Takes one place in every budget named, all asked at once; refused when any is full (with the
 * longest wait). A name of no known kind is refused outright: a cap never silently goes missing.
 */
export async function takeBudgets(
  ns: DurableObjectNamespace<SendBudget>,
  names: readonly string[],
  limits: MessengerLimits,
): Promise<BudgetAnswer> {
  const unique = [...new Set(names)];
  const caps = unique.map((name) => (namePattern.test(name) ? capsOf(name, limits) : null));
  if (caps.some((c) => c === null)) return { ...fail('rate_limited'), retryAfterMs: 60_000 };
  const answers = await Promise.all(unique.map((name, i) => ns.get(ns.idFromName(name)).take(caps[i] ?? [])));
  const refused = answers.filter((a) => !a.ok);
  if (refused.length === 0) return ok(null);
  return { ...fail('rate_limited'), retryAfterMs: Math.max(...refused.map((a) => a.retryAfterMs ?? 60_000)) };
}
