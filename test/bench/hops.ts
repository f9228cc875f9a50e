/**
 * Counts the Durable Object calls one request makes from the worker (issue 14): every namespace of
 * the env is wrapped so that each RPC through a stub is noted with a logical start and end. The
 * sequential depth is the longest chain of calls each started after the previous one ended; calls
 * started together count once. Bench worker only: the product's code paths pay nothing for it.
 */

interface Hop {
  start: number;
  end: number;
}

/** The hops of one request. */
export class HopRecorder {
  #tick = 0;
  readonly hops: Hop[] = [];

  /** Notes a call that begins now; the answer ends it. */
  begin(): () => void {
    const hop: Hop = { start: ++this.#tick, end: Number.POSITIVE_INFINITY };
    this.hops.push(hop);
    return () => {
      hop.end = ++this.#tick;
    };
  }

  /** Longest chain of calls made one after another. */
  get depth(): number {
    const sorted = [...this.hops].sort((a, b) => a.start - b.start);
    const chain: number[] = [];
    sorted.forEach((hop, i) => {
      let before = 0;
      for (let j = 0; j < i; j++) if ((sorted[j] as Hop).end < hop.start) before = Math.max(before, chain[j] ?? 0);
      chain.push(before + 1);
    });
    return Math.max(0, ...chain);
  }

  /** `total=N; depth=D`, for the response header. */
  toString(): string {
    return `total=${this.hops.length}; depth=${this.depth}`;
  }
}

const isNamespace = (v: unknown): v is DurableObjectNamespace =>
  typeof v === 'object' && v !== null && 'idFromName' in v && 'get' in v;

function countedStub(stub: DurableObjectStub, recorder: HopRecorder): DurableObjectStub {
  return new Proxy(stub, {
    get(target, prop) {
      const value = Reflect.get(target, prop);
      if (typeof prop !== 'string' || prop === 'then' || prop === 'id' || prop === 'name') return value;
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        const done = recorder.begin();
        try {
          return await Reflect.apply(value as (...a: unknown[]) => Promise<unknown>, target, args);
        } finally {
          done();
        }
      };
    },
  });
}

/** The env with every Durable Object namespace counting its calls into `recorder`. */
export function countingEnv<E extends object>(env: E, recorder: HopRecorder): E {
  const wrapped: Record<string, unknown> = {};
  for (const [name, binding] of Object.entries(env)) {
    wrapped[name] = isNamespace(binding)
      ? new Proxy(binding, {
          get(target, prop) {
            const value = Reflect.get(target, prop);
            if (prop === 'get')
              return (id: DurableObjectId, options?: DurableObjectNamespaceGetDurableObjectOptions) =>
                countedStub(target.get(id, options), recorder);
            return typeof value === 'function' ? value.bind(target) : value;
          },
        })
      : binding;
  }
  return wrapped as E;
}
