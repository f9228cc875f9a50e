/** Steps for trusted-contact recovery tests: contacts set up with a fresh passkey, a recovery driven as its device would. */
import type { RecoveryView } from '../../shared/recovery.ts';
import type { SoftAuthenticator } from '../support/authenticator.ts';
import { type Answer, call } from './client.ts';
import { latestCode } from './otp-helpers.ts';

type Person = { session: string; authenticator: SoftAuthenticator };

/** A fresh passkey assertion for a change of contacts: `{ ceremonyId, credential }`. */
export async function contactsAssertion(person: Person) {
  const opened = await call<{ ceremonyId: string; options: Parameters<SoftAuthenticator['authenticate']>[0] }>(
    '/api/me/trusted-contacts/options',
    { method: 'POST', cookie: person.session },
  );
  return {
    ceremonyId: opened.body.ceremonyId,
    credential: await person.authenticator.authenticate(opened.body.options),
  };
}

export async function setUpContacts(person: Person, contacts: { name: string; phone: string }[]) {
  return call<{ contacts: { id: string; name: string; phone: string }[] }>('/api/me/trusted-contacts/setup', {
    body: { contacts, ...(await contactsAssertion(person)) },
    cookie: person.session,
  });
}

/** A recovering device: it keeps its `__Host-recovery` cookie. */
export class RecoveringDevice {
  cookie: string | null = null;
  /** The device's IP, sent on every request as a real device would (codes are capped per client IP). */
  ip = '198.51.100.200';

  async start(identifier: string, ip = this.ip) {
    this.ip = ip;
    const answer = await call<{ recovery: RecoveryView }>('/api/recovery', {
      body: { identifier },
      headers: { 'CF-Connecting-IP': ip },
    });
    this.cookie = /__Host-recovery=([^;]*)/.exec(answer.headers.get('Set-Cookie') ?? '')?.[1] ?? null;
    return answer;
  }

  send<T = { recovery: RecoveryView }>(path = '', body?: unknown): Promise<Answer<T>> {
    return call<T>(`/api/recovery${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      body,
      headers: {
        'CF-Connecting-IP': this.ip,
        ...(this.cookie ? { Cookie: `__Host-recovery=${this.cookie}` } : {}),
      },
    });
  }

  firstFactor(code: string) {
    return this.send<{ status: string; attempts_left: number; recovery: RecoveryView }>('/first-factor', { code });
  }

  choose(contacts: string[]) {
    return this.send<{ recovery: RecoveryView; undelivered: string[] }>('/contacts', { contacts });
  }

  contactCode(contact: string, code: string) {
    return this.send<{ outcome: string; tries_left: number; recovery: RecoveryView }>('/contact-code', {
      contact,
      code,
    });
  }

  /** Start, and pass the first factor with the code sent to `phone`; returns the recovery. */
  async throughFirstFactor(identifier: string, phone: string, ip?: string): Promise<RecoveryView> {
    const started = await this.start(identifier, ip);
    if (started.status !== 201) throw new Error(`recovery start: ${started.status} ${JSON.stringify(started.body)}`);
    const passed = await this.firstFactor((await latestCode(phone)) as string);
    if (passed.body.status !== 'approved') throw new Error(`first factor: ${JSON.stringify(passed.body)}`);
    return passed.body.recovery;
  }
}
