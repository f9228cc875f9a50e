/** Invite codes: 16 Crockford base32 symbols (80 bits), shown in groups of four. */
import { randomString } from './random.ts';

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A fresh invite code, grouped for reading: `7K2M-QX4D-…`. */
export function newInviteCode(): string {
  return randomString(alphabet, 16).match(/.{4}/g)?.join('-') ?? '';
}

/** The canonical form a typed code is hashed in: upper case, no separators, ambiguous letters mapped. */
export function normalizeInviteCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '').replaceAll('O', '0').replace(/[IL]/g, '1');
}
