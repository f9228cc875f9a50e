/**
 * `/api/recovery`: a customer who lost every device gets back in with their phone and codes from
 * their trusted contacts. No session: the recovering device holds `__Host-recovery`
 * (recovery id and a 256-bit token; the object keeps only the token's hash). An unknown handle or
 * phone looks exactly like a known one: a code "goes" to a masked number and never checks out.
 */
import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { Hono } from 'hono/tiny';
import { handleSchema } from '../../shared/api.ts';
import {
  recoveryAbortBody,
  recoveryCodeBody,
  recoveryContactCodeBody,
  recoveryContactsBody,
  recoveryPasskeyBody,
  recoveryStartBody,
} from '../../shared/recovery.ts';
import { fromHex, sha256Hex } from '../core/hash.ts';
import { registrationOptions, verifyRegistration } from '../core/passkeys.ts';
import { toE164 } from '../core/phone.ts';
import { randomToken } from '../core/random.ts';
import { recoveryOwner } from '../core/verification-owners.ts';
import type { AppEnv } from '../http/context.ts';
import { errorResponse } from '../http/errors.ts';
import { requestPlace } from '../http/place.ts';
import { refuse } from '../http/refusals.ts';
import { sessionPolicy, writeSessionCookie } from '../http/session.ts';
import { sessionCache } from '../http/session-cache.ts';
import { accountById, ceremonyById, fromString, handleClaim } from '../http/stubs.ts';
import { jsonBody } from '../http/validate.ts';
import { startVerification } from '../http/verification-start.ts';

const recoveryCookie = '__Host-recovery';
const cookiePattern = /^([0-9a-f]{64})\.([A-Za-z0-9_-]{43})$/;

/** The recovery this device started, and its token's hash. */
async function mine(c: Context<AppEnv>) {
  const match = cookiePattern.exec(getCookie(c, recoveryCookie) ?? '');
  const stub = match ? fromString(c.env.RECOVERY, match[1] as string) : null;
  return match && stub ? { stub, tokenHash: await sha256Hex(match[2] as string) } : null;
}

/** The account a handle or phone names, or null (looked up the same way either way). */
async function accountNamed(c: Context<AppEnv>, identifier: string): Promise<string | null> {
  const phone = /^[+\d][\d\s()-]{5,}$/.test(identifier) ? toE164(identifier) : null;
  if (phone) return c.env.CONTACT_INDEX.get(c.env.CONTACT_INDEX.idFromName(`phone:${phone}`)).holder();
  const handle = handleSchema.safeParse(identifier);
  return handle.success ? handleClaim(c.env, handle.data).owner() : null;
}

export const recovery = new Hono<AppEnv>()
  .post('/', jsonBody(recoveryStartBody), async (c) => {
    const identifier = c.req.valid('json').identifier.toLowerCase();
    const accountId = await accountNamed(c, identifier);
    const profile = accountId ? await accountById(c.env, accountId)?.recoveryProfile(c.var.requestContext) : null;
    // At most RECOVERY_ATTEMPTS_PER_DAY attempts per account (per name asked for, when it is nobody's).
    const budget = c.env.SEND_BUDGET.get(c.env.SEND_BUDGET.idFromName(`recovery:${profile ? accountId : identifier}`));
    const taken = await budget.take([{ max: c.var.settings.recovery.attemptsPerDay, windowMs: 86_400_000 }]);
    if (!taken.ok) return refuse(c, 'send', 'rate_limited', { retryAfterMs: taken.retryAfterMs });

    const id = c.env.RECOVERY.newUniqueId();
    const started = await startVerification(c, {
      purpose: 'recovery',
      channel: 'sms',
      account: profile && accountId ? { id: accountId, handle: profile.handle } : { handle: identifier },
      transaction: null,
      owner: recoveryOwner(id.toString()),
    });
    if (!started.ok) return started.response;
    const token = randomToken(32);
    const opened = await c.env.RECOVERY.get(id).open({
      accountId: profile ? accountId : null,
      subject: profile?.handle ?? identifier,
      tokenHash: await sha256Hex(token),
      verificationId: started.view.id,
      maskedTo: started.view.to,
    });
    if (!opened.ok) return refuse(c, 'recoveryOpen', opened.reason);
    setCookie(c, recoveryCookie, `${id.toString()}.${token}`, {
      path: '/',
      httpOnly: true,
      secure: true,
      sameSite: 'Strict',
      maxAge: 2 * 86_400,
    });
    return c.json({ recovery: opened.value }, 201);
  })

  .get('/', async (c) => {
    const own = await mine(c);
    const view = own ? await own.stub.view(own.tokenHash) : null;
    return view ? c.json({ recovery: view }, 200) : errorResponse(c, 'recovery_not_found');
  })

  .post('/first-factor', jsonBody(recoveryCodeBody), async (c) => {
    const own = await mine(c);
    if (!own) return errorResponse(c, 'recovery_not_found');
    const passed = await own.stub.passFirstFactor(own.tokenHash, c.req.valid('json').code, c.var.requestContext);
    if (!passed.ok) return refuse(c, 'recovery', passed.reason);
    const { status, attemptsLeft, view } = passed.value;
    return c.json({ status, attempts_left: attemptsLeft, recovery: view }, 200);
  })

  .post('/contacts', jsonBody(recoveryContactsBody), async (c) => {
    const own = await mine(c);
    if (!own) return errorResponse(c, 'recovery_not_found');
    const { requestContext } = c.var;
    const chosen = await own.stub.chooseContacts(
      own.tokenHash,
      c.req.valid('json').contacts,
      requestContext.ip,
      requestContext,
    );
    if (!chosen.ok) return refuse(c, 'recovery', chosen.reason);
    return c.json({ recovery: chosen.value.view, undelivered: chosen.value.undelivered }, 200);
  })

  .post('/contact-code', jsonBody(recoveryContactCodeBody), async (c) => {
    const own = await mine(c);
    if (!own) return errorResponse(c, 'recovery_not_found');
    const { contact, code } = c.req.valid('json');
    const answered = await own.stub.contactCode(own.tokenHash, contact, code, c.var.requestContext);
    if (!answered.ok) return refuse(c, 'recovery', answered.reason);
    const { outcome, triesLeft, view } = answered.value;
    return c.json({ outcome, tries_left: triesLeft, recovery: view }, 200);
  })

  .post('/passkey/options', async (c) => {
    const own = await mine(c);
    const ready = own ? await own.stub.ready(own.tokenHash) : null;
    const account = ready ? accountById(c.env, ready.accountId) : null;
    if (!own || !ready || !account) return errorResponse(c, 'recovery_state');
    const options = await registrationOptions(
      c.var.settings,
      { id: fromHex(ready.accountId) as Uint8Array, handle: ready.handle, displayName: ready.displayName },
      await account.credentials(),
    );
    const ceremonyId = c.env.PASSKEY_CHALLENGE.newUniqueId();
    await c.env.PASSKEY_CHALLENGE.get(ceremonyId).open(
      {
        purpose: 'recover',
        challenge: options.challenge,
        accountId: ready.accountId,
        registration: null,
        role: null,
        recoveryId: own.stub.id.toString(),
      },
      c.var.settings.passkeyChallengeTtlMs,
    );
    return c.json({ ceremonyId: ceremonyId.toString(), options }, 200);
  })

  .post('/passkey', jsonBody(recoveryPasskeyBody), async (c) => {
    const body = c.req.valid('json');
    const own = await mine(c);
    const ready = own ? await own.stub.ready(own.tokenHash) : null;
    if (!own || !ready) return errorResponse(c, 'recovery_state');
    const ceremony = await ceremonyById(c.env, body.ceremonyId)?.consume('recover');
    if (
      !ceremony?.ok ||
      ceremony.value.accountId !== ready.accountId ||
      ceremony.value.recoveryId !== own.stub.id.toString()
    ) {
      return errorResponse(c, 'ceremony_invalid');
    }
    const verified = await verifyRegistration(
      c.var.settings,
      body.credential as RegistrationResponseJSON,
      ceremony.value.challenge,
    );
    if (!verified.ok) return errorResponse(c, 'passkey_rejected');
    // One claim, once: a second completion, even a concurrent one, stops here.
    const claimed = await own.stub.claimCompletion(own.tokenHash, verified.value.id);
    if (!claimed.ok) return errorResponse(c, 'recovery_state');
    const account = accountById(c.env, ready.accountId);
    // The Account asks the Recovery itself before adding the passkey: a cancel in between wins.
    const finished = await account?.finishRecovery(
      verified.value,
      body.revokeOldPasskeys,
      own.stub.id.toString(),
      c.var.requestContext,
    );
    if (!account || !finished) return errorResponse(c, 'passkey_rejected');
    if (!finished.ok)
      // A locked account answers as a recovery that cannot finish: the device learns nothing more.
      return errorResponse(
        c,
        finished.reason === 'not_approved' || finished.reason === 'account_locked'
          ? 'recovery_state'
          : 'passkey_rejected',
      );
    // The old sessions ended with the old passkeys: this isolate forgets them now (others within seconds).
    if (body.revokeOldPasskeys) sessionCache.forgetAccount(ready.accountId);
    // The new device's first entry in the sign-in history, as at registration.
    await account.recordRegistrationPlace(verified.value.id, requestPlace(c.req.raw, c.var.settings.origin));
    const session = await account.openFirstSession(verified.value.id, sessionPolicy(c));
    if (!session.ok) return refuse(c, 'firstSession', session.reason);
    deleteCookie(c, recoveryCookie, { path: '/', secure: true });
    writeSessionCookie(c, ready.accountId, session.value.token);
    return c.json({ account: session.value.account, revokedPasskeys: finished.value.removed }, 201);
  })

  // "I was not asked by them": from the link in a contact's SMS (no session, the token is the proof).
  .post('/abort', jsonBody(recoveryAbortBody), async (c) => {
    const { recovery: id, token } = c.req.valid('json');
    const aborted = await fromString(c.env.RECOVERY, id)?.abort({ token }, c.var.requestContext);
    return aborted?.ok ? c.json({ aborted: true }, 200) : errorResponse(c, 'recovery_not_found');
  });
