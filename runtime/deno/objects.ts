/**
 * The Durable Object surface the product uses, for one Deno process: namespaces with workerd's id
 * functions, one live instance per id, RPC stubs, per-object SQLite storage, alarms and
 * hibernatable WebSockets. Events for an object (RPC calls, fetch, alarms, socket messages) wait
 * while it is inside `blockConcurrencyWhile`; storage is synchronous, so, as under workerd's input
 * gates, no other event enters an object while its code runs between two awaits.
 */
import { join } from 'node:path';
import { AlarmIndex, type AlarmTarget } from './alarms.ts';
import { IdMaker, type ObjectId } from './ids.ts';
import { ObjectStorage } from './storage.ts';
import type { ServerSocket, SocketOwner } from './websockets.ts';

// biome-ignore lint/suspicious/noExplicitAny: a Durable Object class of any shape.
export type ObjectClass = new (ctx: DurableObjectState, env: any) => object;
type Instance = Record<string, unknown>;

/** Names an RPC call may not reach: the handlers the runtime itself delivers, and Object's own. */
const notRpc = new Set(['constructor', 'alarm', 'webSocketMessage', 'webSocketClose', 'webSocketError', 'ctx', 'env']);
const maxAlarmRetries = 6;
/** Live objects kept in memory; past this, idle ones are evicted (as workerd evicts idle objects). */
const maxLive = 256;

class LiveObject implements SocketOwner {
  instance!: Instance;
  ctx!: DurableObjectState;
  readonly sockets = new Set<ServerSocket>();
  #gate: Promise<unknown> | null = null;
  alarmRetries = 0;
  /** Events being delivered now; an object with none and no sockets may be evicted. */
  busy = 0;
  lastUsed = 0;

  constructor(
    readonly id: ObjectId,
    readonly storage: ObjectStorage,
  ) {}

  async deliver(event: (instance: Instance) => unknown): Promise<unknown> {
    this.busy++;
    try {
      await null; // the callee runs in its own turn, as an RPC does in workerd
      while (this.#gate) await this.#gate.catch(() => {});
      return await event(this.instance);
    } finally {
      this.busy--;
      this.lastUsed = performance.now();
    }
  }

  get idle(): boolean {
    return this.busy === 0 && this.sockets.size === 0 && this.#gate === null;
  }

  forget(ws: ServerSocket): void {
    this.sockets.delete(ws);
  }

  blockConcurrencyWhile<T>(body: () => Promise<T>): Promise<T> {
    const run = (async () => {
      while (this.#gate) await this.#gate.catch(() => {});
      return body();
    })();
    const gate = run.finally(() => {
      if (this.#gate === gate) this.#gate = null;
    });
    this.#gate = gate;
    return run;
  }

  state(env: unknown, waitUntil: (p: Promise<unknown>) => void): DurableObjectState {
    const storage = this.storage;
    const self = this;
    return {
      id: this.id,
      storage: {
        sql: storage.sql,
        transactionSync: <T>(body: () => T) => storage.transactionSync(body),
        deleteAll: () => storage.deleteAll(),
        getAlarm: () => storage.getAlarm(),
        setAlarm: (at: number | Date) => storage.setAlarm(at),
        deleteAlarm: () => storage.deleteAlarm(),
        get: () => storage.unsupported('get'),
        put: () => storage.unsupported('put'),
        delete: () => storage.unsupported('delete'),
        list: () => storage.unsupported('list'),
        transaction: () => storage.unsupported('transaction'),
        sync: async () => storage.commit(),
      },
      acceptWebSocket(ws: WebSocket, tags: string[] = []) {
        const socket = ws as unknown as ServerSocket;
        socket.owner = self;
        socket.tags = [...tags];
        self.sockets.add(socket);
      },
      getWebSockets(tag?: string) {
        return [...self.sockets].filter(
          (s) => s.readyState <= 1 && (tag === undefined || s.tags.includes(tag)),
        ) as unknown as WebSocket[];
      },
      getTags: (ws: WebSocket) => [...((ws as unknown as ServerSocket).tags ?? [])],
      blockConcurrencyWhile: <T>(body: () => Promise<T>) => self.blockConcurrencyWhile(body),
      waitUntil,
      env,
    } as unknown as DurableObjectState;
  }
}

export interface RuntimeOptions {
  /** The data folder: one SQLite file per object, the alarm index and the id key. */
  dataDir: string;
  /** Binding name (as in wrangler.toml) → Durable Object class. */
  classes: Record<string, ObjectClass>;
  /** The key ids are signed with (runtime/deno/key.ts keeps it in the data folder). */
  idKey: Uint8Array;
}

/** Every object of one server: namespaces for the env, and the live instances behind them. */
export class ObjectRuntime {
  readonly namespaces: Record<string, DurableObjectNamespace> = {};
  #live = new Map<string, LiveObject>();
  #makers = new Map<string, IdMaker>();
  #pending = new Set<Promise<unknown>>();
  readonly alarms: AlarmIndex;
  env: Record<string, unknown> = {};

  constructor(readonly options: RuntimeOptions) {
    this.alarms = new AlarmIndex(join(options.dataDir, 'alarms.sqlite'), async (t) => {
      await this.fireAlarm(t);
    });
    for (const binding of Object.keys(options.classes)) {
      const maker = new IdMaker(binding, options.idKey);
      this.#makers.set(binding, maker);
      this.namespaces[binding] = this.#namespace(binding, maker);
    }
  }

  #namespace(binding: string, maker: IdMaker): DurableObjectNamespace {
    const get = (id: DurableObjectId) => this.stub(binding, maker.fromString(id.toString()));
    return {
      idFromName: (name: string) => maker.fromName(name),
      newUniqueId: () => maker.unique(),
      idFromString: (hex: string) => maker.fromString(hex),
      get,
      getByName: (name: string) => get(maker.fromName(name)),
      jurisdiction: () => {
        throw new Error('jurisdictions are not part of the Deno runtime');
      },
    } as unknown as DurableObjectNamespace;
  }

  /** The one live instance of this object, made on first use. */
  live(binding: string, id: ObjectId): LiveObject {
    const key = `${binding}/${id.hex}`;
    const found = this.#live.get(key);
    if (found) return found;
    const storage = new ObjectStorage(join(this.options.dataDir, 'objects', binding, `${id.hex}.sqlite`), (at) =>
      this.alarms.set({ binding, id: id.hex }, at),
    );
    const object = new LiveObject(id, storage);
    if (this.#live.size >= maxLive) this.#evictIdle();
    this.#live.set(key, object);
    const Class = this.options.classes[binding] as ObjectClass;
    try {
      object.ctx = object.state(this.env, (p) => this.track(p));
      object.instance = new Class(object.ctx, this.env) as Instance;
    } catch (error) {
      this.#live.delete(key);
      storage.close();
      throw error;
    }
    return object;
  }

  /** Closes the least recently used idle half of the live objects; they come back on next use. */
  #evictIdle(): void {
    const idle = [...this.#live.entries()].filter(([, o]) => o.idle).sort(([, a], [, b]) => a.lastUsed - b.lastUsed);
    for (const [key, object] of idle.slice(0, Math.ceil(maxLive / 2))) {
      object.storage.close();
      this.#live.delete(key);
    }
  }

  /** An RPC stub: every method call is delivered to the live instance, arguments and answers copied. */
  stub(binding: string, id: ObjectId): DurableObjectStub {
    const call =
      (name: string) =>
      async (...args: unknown[]) => {
        const copied = structuredClone(args);
        const object = this.live(binding, id);
        const answer = await object.deliver((instance) => {
          const method = instance[name];
          if (notRpc.has(name) || name.startsWith('#') || typeof method !== 'function' || name in Object.prototype) {
            throw new TypeError(`The RPC receiver does not implement the method "${name}".`);
          }
          return (method as (...a: unknown[]) => unknown).apply(instance, copied);
        });
        return structuredClone(answer);
      };
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = input instanceof Request && !init ? input : new Request(input, init);
      const object = this.live(binding, id);
      return object.deliver((instance) =>
        (instance.fetch as (r: Request) => Promise<Response>).call(instance, request),
      );
    };
    return new Proxy({} as DurableObjectStub, {
      get(_target, property) {
        if (property === 'id') return id;
        if (property === 'name') return id.name;
        if (property === 'fetch') return fetch;
        if (typeof property !== 'string' || property === 'then') return undefined;
        return call(property);
      },
    });
  }

  /** Runs `body` inside the object a stub points at, as one of its events (for tests: cloudflare:test's runInDurableObject). */
  inside<R>(
    stub: DurableObjectStub,
    body: (instance: Instance, ctx: DurableObjectState) => R | Promise<R>,
  ): Promise<R> {
    const { binding, object } = this.#target(stub);
    const live = this.live(binding, object);
    return live.deliver((instance) => body(instance, live.ctx)) as Promise<R>;
  }

  /** The binding and id a stub of this runtime points at. */
  #target(stub: DurableObjectStub): { binding: string; object: ObjectId } {
    const id = stub.id as unknown as ObjectId;
    const maker = this.#makers.get(id.namespace);
    if (!maker) throw new TypeError('not a stub of this runtime');
    return { binding: id.namespace, object: maker.fromString(id.hex) };
  }

  /** Runs the alarm of the object a stub points at now, if one is set (cloudflare:test's runDurableObjectAlarm). */
  runAlarmNow(stub: DurableObjectStub): Promise<boolean> {
    const { binding, object } = this.#target(stub);
    return this.fireAlarm({ binding, id: object.hex }, true);
  }

  /** Runs the object's alarm if one is due (or, with `force`, if one is set at all). */
  async fireAlarm(target: AlarmTarget, force = false): Promise<boolean> {
    const maker = this.#makers.get(target.binding);
    if (!maker) return false;
    const object = this.live(target.binding, maker.fromString(target.id));
    return (await object.deliver(async (instance) => {
      const at = object.storage.alarmAt();
      if (at === null || (!force && at > Date.now())) {
        this.alarms.set(target, at);
        return false;
      }
      await object.storage.deleteAlarm();
      object.storage.commit();
      try {
        await (instance.alarm as ((info: AlarmInvocationInfo) => Promise<void>) | undefined)?.call(instance, {
          scheduledTime: at,
          retryCount: object.alarmRetries,
          isRetry: object.alarmRetries > 0,
        });
        object.alarmRetries = 0;
      } catch (error) {
        // workerd retries a failed alarm with backoff, up to six times.
        console.error('alarm handler threw; retrying', target, error);
        if (object.alarmRetries++ < maxAlarmRetries && object.storage.alarmAt() === null) {
          await object.storage.setAlarm(Date.now() + 2 ** object.alarmRetries * 1000);
        }
      }
      return true;
    })) as boolean;
  }

  /** Keeps a `waitUntil` promise until it settles (a graceful stop waits for them). */
  track(promise: Promise<unknown>): void {
    const kept = promise
      .catch((error) => console.error('waitUntil task failed', error))
      .finally(() => this.#pending.delete(kept));
    this.#pending.add(kept);
  }

  /** Waits for background work, closes every socket and database. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.#pending]);
    this.alarms.close();
    for (const object of this.#live.values()) {
      for (const ws of object.sockets) ws.close(1001, 'server stopping');
      object.storage.close();
    }
    this.#live.clear();
  }
}
