/**
 * The benchmark's worker: the product worker unchanged, plus one route that is the physical limit
 * for any single-use check — one Durable Object RPC making one SQLite write. Not part of the product.
 */
import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../../worker/env.ts';
import product from '../../worker/index.ts';
import { countingEnv, HopRecorder } from './hops.ts';

// Every Durable Object class of the product (export * leaves out the default handler).
export * from '../../worker/index.ts';

export class BenchBaseline extends DurableObject {
  #sql: SqlStorage;
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#sql = ctx.storage.sql;
    this.#sql.exec('CREATE TABLE IF NOT EXISTS hits (id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL)');
  }

  /** One SQLite write, as a code check must make (count the try). */
  hit(): number {
    return this.#sql.exec('INSERT INTO hits (at) VALUES (?)', Date.now()).rowsWritten;
  }
}

interface BenchEnv extends Env {
  BENCH_BASELINE: DurableObjectNamespace<BenchBaseline>;
}

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    if (url.pathname === '/bench/baseline') {
      // One object by default; `?object=N` spreads the load over many objects, as calls are.
      const name = `baseline-${url.searchParams.get('object') ?? 'one'}`;
      const written = await env.BENCH_BASELINE.get(env.BENCH_BASELINE.idFromName(name)).hit();
      return Response.json({ written }, { headers: { 'Cache-Control': 'no-store' } });
    }
    // `X-Bench-Hops: 1` asks for the Durable Object calls this request made (total and in sequence).
    if (request.headers.get('X-Bench-Hops') !== '1') return product.fetch(request, env, ctx);
    const recorder = new HopRecorder();
    const answer = await product.fetch(request, countingEnv(env, recorder), ctx);
    const counted = new Response(answer.body, answer);
    counted.headers.set('X-Bench-Hops', recorder.toString());
    return counted;
  },
} satisfies ExportedHandler<BenchEnv>;
