/**
 * The signed-in customer's trusted contacts: 3 to 5 people who can help recover the
 * account. Every change needs a fresh passkey assertion; after the first set-up, at most one change
 * per CONTACT_CHANGE_INTERVAL_HOURS, announced on every device and by SMS to the account's phone.
 * Each new contact is told by SMS who named them and what to do when asked for a code.
 */

import type { Context } from 'hono';
import { Hono } from 'hono/tiny';
import type { FieldMessage } from '../../shared/field-messages.ts';
import { contactAddBody, contactIdParam, contactRemoveBody, contactsSetupBody } from '../../shared/recovery.ts';
import { log } from '../core/log.ts';
import { maskOf } from '../core/otp-destinations.ts';
import { readMobile } from '../core/phone.ts';
import { effectiveQuorum } from '../core/recovery-rules.ts';
import type { AppEnv } from '../http/context.ts';
import { errorResponse } from '../http/errors.ts';
import { checkAssertion, openAssertion } from '../http/fresh-assertion.ts';
import { refuse } from '../http/refusals.ts';
import { requireRole, requireSession } from '../http/session.ts';
import { signedInAccount } from '../http/stubs.ts';
import { jsonBody, pathParams } from '../http/validate.ts';
import { sendMessage } from '../messenger/messenger.ts';

/**
 * Phones as typed → E.164, or the field errors. A number the messenger's calling-code guard would
 * refuse is refused here, before anything is saved: a contact who cannot be texted is no contact.
 */
function normalized(c: Context<AppEnv>, contacts: { name: string; phone: string }[], prefix: string) {
  const fields: Record<string, FieldMessage> = {};
  const allowed = c.var.settings.otp.allowedCallingCodes;
  const out = contacts.map((contact, i) => {
    const read = readMobile(contact.phone, allowed);
    if (!read.ok) fields[`${prefix}${i}.phone`] = read.field;
    return { name: contact.name, phone: read.ok ? read.value : '' };
  });
  const seen = new Set<string>();
  out.forEach((contact, i) => {
    if (contact.phone && seen.has(contact.phone)) fields[`${prefix}${i}.phone`] = { text: 'contact_number_own' };
    seen.add(contact.phone);
  });
  return Object.keys(fields).length > 0
    ? { ok: false as const, response: errorResponse(c, 'invalid_input', fields) }
    : { ok: true as const, contacts: out };
}

/** Tells a new contact who named them, through the messenger (failures are logged: the nomination stands). */
async function tellNominated(c: Context<AppEnv>, phones: string[]) {
  for (const phone of phones) {
    const sent = await sendMessage(c.env, {
      channel: 'sms',
      to: phone,
      masked: maskOf(phone),
      message: { kind: 'contact_nominated', holder: c.var.account.displayName },
      accountId: c.var.account.id,
      budget: [`notices:${c.var.account.id}`],
      client: { ip: c.var.requestContext.ip, apiKey: null },
    });
    if (!sent.ok) log('error', 'nomination_not_sent', { reason: sent.reason });
  }
}

export const trustedContacts = new Hono<AppEnv>()
  .use(requireSession, requireRole('customer'))

  .get('/', async (c) => {
    const account = signedInAccount(c);
    const interval = c.var.settings.recovery.contactChangeIntervalMs;
    const [contacts, next] = await Promise.all([account.trustedContacts(), account.nextContactChangeAt(interval)]);
    const quorum = effectiveQuorum(c.var.settings.recovery.quorum, Math.max(contacts.length, 3));
    // nextChangeAt: null when a change may be made now.
    return c.json(
      { contacts, quorum, changeIntervalHours: interval / 3_600_000, nextChangeAt: next > 0 ? next : null },
      200,
    );
  })

  .post('/options', async (c) => c.json(await openAssertion(c, 'contacts'), 200))

  .post('/setup', jsonBody(contactsSetupBody), async (c) => {
    const body = c.req.valid('json');
    const phones = normalized(c, body.contacts, 'contacts.');
    if (!phones.ok) return phones.response;
    const asserted = await checkAssertion(c, 'contacts', body.ceremonyId, body.credential);
    if (!asserted.ok) return asserted.response;
    const set = await signedInAccount(c).setUpContacts(phones.contacts, c.var.requestContext, body.ceremonyId);
    if (!set.ok) return refuse(c, 'contacts', set.reason, { retryAt: 'retryAt' in set ? set.retryAt : undefined });
    await tellNominated(
      c,
      set.value.map((v) => v.phone),
    );
    return c.json({ contacts: set.value }, 201);
  })

  .post('/', jsonBody(contactAddBody), async (c) => {
    const body = c.req.valid('json');
    const phones = normalized(c, [body.contact], 'contact.');
    if (!phones.ok) return phones.response;
    const asserted = await checkAssertion(c, 'contacts', body.ceremonyId, body.credential);
    if (!asserted.ok) return asserted.response;
    const added = await signedInAccount(c).addTrustedContact(
      phones.contacts[0] as { name: string; phone: string },
      c.var.requestContext,
      c.var.settings.recovery.contactChangeIntervalMs,
      body.ceremonyId,
    );
    if (!added.ok)
      return refuse(c, 'contacts', added.reason, { retryAt: 'retryAt' in added ? added.retryAt : undefined });
    await tellNominated(c, [added.value.phone]);
    await signedInAccount(c).announce('contact_added');
    return c.json({ contact: added.value }, 201);
  })

  .post('/:id/remove', pathParams(contactIdParam), jsonBody(contactRemoveBody), async (c) => {
    const body = c.req.valid('json');
    const asserted = await checkAssertion(c, 'contacts', body.ceremonyId, body.credential);
    if (!asserted.ok) return asserted.response;
    const removed = await signedInAccount(c).removeTrustedContact(
      c.req.valid('param').id,
      c.var.requestContext,
      c.var.settings.recovery.contactChangeIntervalMs,
      body.ceremonyId,
    );
    if (!removed.ok)
      return refuse(c, 'contacts', removed.reason, { retryAt: 'retryAt' in removed ? removed.retryAt : undefined });
    await signedInAccount(c).announce('contact_removed');
    return c.json({ removed: removed.value.id }, 200);
  });
