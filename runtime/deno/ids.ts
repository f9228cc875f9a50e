/**
 * Durable Object ids as workerd makes them: 64 hex digits that only this server can make.
 * An id is 16 bytes of identity (random for newUniqueId, a hash of the name for idFromName) and a
 * 16-byte HMAC of it under the server's key and the namespace, so idFromString refuses an id that
 * another server, another namespace or a guess produced, as workerd does.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const idPattern = /^[0-9a-f]{64}$/;
const hexOf = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** One object's id (the DurableObjectId surface the product uses). */
export class ObjectId implements DurableObjectId {
  constructor(
    readonly namespace: string,
    readonly hex: string,
    readonly name?: string,
  ) {}
  toString(): string {
    return this.hex;
  }
  equals(other: DurableObjectId): boolean {
    return other instanceof ObjectId && other.namespace === this.namespace && other.hex === this.hex;
  }
}

/** Makes and checks the ids of one namespace under the server key. */
export class IdMaker {
  constructor(
    readonly namespace: string,
    private readonly key: Uint8Array,
  ) {}

  #mac(identity: Uint8Array): string {
    return hexOf(
      createHmac('sha256', this.key).update(`${this.namespace}\0`).update(identity).digest().subarray(0, 16),
    );
  }

  #make(identity: Uint8Array, name?: string): ObjectId {
    return new ObjectId(this.namespace, hexOf(identity) + this.#mac(identity), name);
  }

  /** The same name always gives the same id (in this namespace, under this key). */
  fromName(name: string): ObjectId {
    const identity = createHash('sha256').update(`${this.namespace}\0${name}`).digest().subarray(0, 16);
    return this.#make(identity, name);
  }

  unique(): ObjectId {
    return this.#make(randomBytes(16));
  }

  /** The id this string names; throws (as workerd does) when this server did not make it. */
  fromString(hex: string): ObjectId {
    if (typeof hex !== 'string' || !idPattern.test(hex))
      throw new TypeError('Invalid Durable Object ID: not 64 hex digits');
    const identity = Buffer.from(hex.slice(0, 32), 'hex');
    const given = Buffer.from(hex.slice(32), 'hex');
    const expected = Buffer.from(this.#mac(identity), 'hex');
    if (!timingSafeEqual(given, expected)) throw new TypeError('Invalid Durable Object ID: not made by this namespace');
    return new ObjectId(this.namespace, hex);
  }
}
