/** Steps for out-of-band code tests: the dev outbox as the customer's phone, enrolment, API keys. */
import type { CheckView, VerificationView } from '../../shared/verifications.ts';
import type { SoftAuthenticator } from '../support/authenticator.ts';
import { type Answer, call, register } from './client.ts';

interface Listed {
  messages: { channel: string; to: string; text: string; at: number }[];
}

/** Every message the dev outbox holds for `to`, newest first. */
export async function messagesTo(to: string) {
  const listed = await call<Listed>(`/api/dev/outbox?${new URLSearchParams({ to })}`, { origin: null });
  return listed.body.messages;
}

/** The code in the newest message to `to` (6 digits), or null. */
export async function latestCode(to: string): Promise<string | null> {
  const [newest] = await messagesTo(to);
  return newest ? (/\b(\d{6})\b/.exec(newest.text)?.[1] ?? null) : null;
}

/** A code that is not `code` (for wrong tries). */
export const otherThan = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

/** Auth for a call: a session cookie or an API key. */
export type Auth = { cookie: string } | { key: string };

const authOf = (auth: Auth) =>
  'cookie' in auth ? { cookie: auth.cookie } : { headers: { Authorization: `Bearer ${auth.key}` }, origin: null };

export const startVerification = (auth: Auth, body: Record<string, unknown>, headers: Record<string, string> = {}) => {
  const a = authOf(auth);
  return call<VerificationView>('/api/v1/verifications', {
    body,
    ...a,
    headers: { ...('headers' in a ? a.headers : {}), ...headers },
  });
};

export const checkVerification = (auth: Auth, id: string, body: Record<string, unknown>): Promise<Answer<CheckView>> =>
  call<CheckView>(`/api/v1/verifications/${id}/check`, { body, ...authOf(auth) });

export const resendVerification = (
  auth: Auth,
  id: string,
  body: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) => {
  const a = authOf(auth);
  return call<VerificationView>(`/api/v1/verifications/${id}/resend`, {
    body,
    ...a,
    headers: { ...('headers' in a ? a.headers : {}), ...headers },
  });
};

export const getVerification = (auth: Auth, id: string) =>
  call<VerificationView>(`/api/v1/verifications/${id}`, authOf(auth));

export const cancelVerification = (auth: Auth, id: string) =>
  call<VerificationView>(`/api/v1/verifications/${id}/cancel`, { method: 'POST', ...authOf(auth) });

/** Makes `phone` the customer's verified phone: a code sent to it comes back. */
export async function enrolPhone(session: string, phone: string, ip = '198.51.100.1') {
  const started = await startVerification(
    { cookie: session },
    { to: phone, channel: 'sms', purpose: 'enrol_phone' },
    { 'CF-Connecting-IP': ip },
  );
  if (started.status !== 201) throw new Error(`enrol: ${started.status} ${JSON.stringify(started.body)}`);
  const code = await latestCode(phone);
  const checked = await checkVerification({ cookie: session }, started.body.id, { code });
  if (checked.body.status !== 'approved') throw new Error(`enrol check: ${JSON.stringify(checked.body)}`);
  return started.body.id;
}

/** An API key issued by `admin` with these scopes (after the admin's fresh passkey assertion). */
export async function issueKey(
  admin: { session: string; authenticator: SoftAuthenticator },
  scopes: string[],
  name = 'Core banking',
) {
  const issued = await call<{ key: string; apiKey: { id: string } }>('/api/admin/api-keys', {
    body: { name, scopes, ...(await staffAssertion(admin, 'api_key')) },
    cookie: admin.session,
  });
  if (issued.status !== 201) throw new Error(`issue key: ${issued.status} ${JSON.stringify(issued.body)}`);
  return issued.body;
}

/** An admin's fresh passkey assertion for an invite, an API key, a staff change or a webhook endpoint. */
export async function staffAssertion(
  admin: { session: string; authenticator: SoftAuthenticator },
  purpose: 'invite' | 'api_key' | 'access' | 'webhook',
) {
  const opened = await call<{ ceremonyId: string; options: Parameters<SoftAuthenticator['authenticate']>[0] }>(
    '/api/admin/assertion/options',
    { body: { purpose }, cookie: admin.session },
  );
  if (opened.status !== 200) throw new Error(`staff assertion: ${opened.status} ${JSON.stringify(opened.body)}`);
  return {
    ceremonyId: opened.body.ceremonyId,
    credential: await admin.authenticator.authenticate(opened.body.options),
  };
}

/** A new customer whose phone is verified (each test its own, so that send caps do not mix). */
export async function customerWithPhone(handle: string, phone: string, ip?: string) {
  const person = await register(handle);
  await enrolPhone(person.session, phone, ip);
  return { ...person, handle, phone };
}
