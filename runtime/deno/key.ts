/** The server's id key: made once, kept in the data folder (back it up with the data). */

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The 32-byte key object ids are signed with; a new data folder gets a new one. */
export function idKeyOf(dataDir: string): Uint8Array {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'id-key');
  if (!existsSync(path)) writeFileSync(path, Buffer.from(randomBytes(32)).toString('hex'), { mode: 0o600, flag: 'wx' });
  const hex = readFileSync(path, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`${path} is not a 32-byte hex key`);
  return Buffer.from(hex, 'hex');
}
