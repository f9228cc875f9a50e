/**
 * A staff look-up of a customer, the one path the agent console finds customers by:
 * by handle, verified phone or the bank's own reference. Staff are signed in and audited, so they
 * get the truth (a customer, or plainly none), never the decoys outsiders get (DESIGN.md: no
 * enumeration is about outsiders). Every look-up is capped per agent (`AGENT_LOOKUP_CAPS`) and
 * written to the agent's own audit log, found or not, before the answer goes out.
 */
import type { Context } from 'hono';
import type { CustomerDetails, LookupKind } from '../../shared/customers.ts';
import { type LookupPurpose, maskSearched } from '../core/customer-lookup.ts';
import { maskOf } from '../core/otp-destinations.ts';
import { toE164 } from '../core/phone.ts';
import { fail, ok, type Result } from '../core/result.ts';
import { accountSlotName, referenceName } from '../objects/customer-reference.ts';
import type { AppEnv } from './context.ts';
import { handleOwner } from './handle-owners.ts';
import { accountById } from './stubs.ts';

/** What a look-up can be refused for (worker/http/refusals.ts maps them). */
export type LookupRefusal = 'rate_limited' | 'not_found' | 'no_phone' | 'not_recorded' | 'invalid_phone';

export interface FoundCustomer {
  id: string;
  details: CustomerDetails;
}

export type LookupAnswer = Result<FoundCustomer, LookupRefusal> & { retryAfterMs?: number };

/** The account id a value of this kind names, or null (reads only). */
async function holderOf(c: Context<AppEnv>, kind: LookupKind, value: string): Promise<string | null> {
  if (kind === 'handle') return handleOwner(c, value);
  if (kind === 'phone') return c.env.CONTACT_INDEX.get(c.env.CONTACT_INDEX.idFromName(`phone:${value}`)).holder();
  const refs = c.env.CUSTOMER_REFERENCE;
  return refs.get(refs.idFromName(referenceName(value))).holder();
}

/** The customer's details, when the account is a customer's and still holds what was searched. */
async function detailsOf(
  c: Context<AppEnv>,
  accountId: string,
  kind: LookupKind,
  value: string,
): Promise<CustomerDetails | null> {
  const account = accountById(c.env, accountId);
  if (!account) return null;
  const refs = c.env.CUSTOMER_REFERENCE;
  const [profile, passkeys, contacts, reference] = await Promise.all([
    account.view(),
    account.passkeys(),
    account.contacts(),
    refs.get(refs.idFromName(accountSlotName(accountId))).reference(),
  ]);
  if (profile?.role !== 'customer') return null;
  // The indexes name the last holder; the account itself says whether it still holds the value.
  if (kind === 'phone' && contacts.phone !== value) return null;
  if (kind === 'reference' && reference?.toLowerCase() !== value.toLowerCase()) return null;
  return {
    handle: profile.handle,
    displayName: profile.displayName,
    phone: contacts.phone ? maskOf(contacts.phone) : null,
    hasApp: passkeys.length > 0,
    reference,
  };
}

/**
 * Finds the customer an agent names (`value` as validated by the route's schema), counted against
 * the agent's cap and recorded in the agent's audit log. No answer leaves without its audit event.
 */
export async function findCustomer(
  c: Context<AppEnv>,
  kind: LookupKind,
  given: string,
  purpose: LookupPurpose,
): Promise<LookupAnswer> {
  const agent = c.var.account;
  const value = kind === 'phone' ? toE164(given) : given;
  if (value === null) return fail('invalid_phone');
  const budget = c.env.SEND_BUDGET.get(c.env.SEND_BUDGET.idFromName(`lookup:${agent.id}`));
  const taken = await budget.take(c.var.settings.agentLookupCaps);
  if (!taken.ok) return { ...fail('rate_limited'), retryAfterMs: taken.retryAfterMs ?? 60_000 };

  const accountId = await holderOf(c, kind, value);
  const details = accountId ? await detailsOf(c, accountId, kind, value) : null;
  const recorded = await accountById(c.env, agent.id)?.recordCustomerLookup(
    {
      kind,
      searched: maskSearched(kind, value),
      found: details !== null,
      customer: details?.handle ?? null,
      purpose,
    },
    c.var.requestContext,
  );
  if (!recorded) return fail('not_recorded');
  return details && accountId ? ok({ id: accountId, details }) : fail('not_found');
}
