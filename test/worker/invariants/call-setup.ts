/** Shared by the call-based invariant files: the bootstrap admin, one agent, fresh customers. */
import { env } from 'cloudflare:workers';
import { beforeAll } from 'vitest';
import { type Person, staff } from '../call-helpers.ts';

/** The people of one test file (storage is per file); `customer()` registers `customer.<n>`. */
export function callPeople() {
  const people = { admin: undefined as unknown as Person, agent: undefined as unknown as Person, n: 0 };
  beforeAll(async () => {
    ({ admin: people.admin, agent: people.agent } = await staff());
  });
  return people;
}

export const callStub = (id: string) => env.CALL.get(env.CALL.idFromString(id));
