/**
 * `GET /api/config`: the bank's name and real phone number (BANK_NAME, BANK_PHONE), public and
 * cacheable: the app shows them before anyone signs in, and they change only with a deployment.
 */
import { Hono } from 'hono/tiny';
import type { BankConfig } from '../../shared/bank.ts';
import type { AppEnv } from '../http/context.ts';

/** Caches may keep the answer for this long (a changed name shows within it). */
export const configMaxAgeSeconds = 300;

export const config = new Hono<AppEnv>().get('/', (c) => {
  const { bank } = c.var.settings;
  c.header('Cache-Control', `public, max-age=${configMaxAgeSeconds}`);
  return c.json({ bankName: bank.name, bankPhone: bank.phone } satisfies BankConfig, 200);
});
