/**
 * The benchmark's worker (test/bench/worker.ts: the product plus the one-write baseline) on the
 * Deno runtime, for `npm run bench` to measure beside workerd. Settings as test/bench/server.ts
 * passes them: VARS_JSON, PORT, DATA_DIR.
 */
import { bindings, createWorkerServer } from '../../runtime/deno/server.ts';
import { wranglerVars } from '../../runtime/deno/settings.ts';
import bench, { BenchBaseline } from './worker.ts';

const server = createWorkerServer({
  vars: { ...wranglerVars(), ...JSON.parse(Deno.env.get('VARS_JSON') ?? '{}') },
  dataDir: Deno.env.get('DATA_DIR') as string,
  assetsDir: 'dist/web',
  worker: bench as never,
  classes: { ...bindings, BENCH_BASELINE: BenchBaseline },
});
// The bench's clients stand for many customers (test/bench/client-ips.ts): as Cloudflare's edge
// would, the bench names the client's IP; the product's server takes only the socket's (bench only).
Deno.serve({ port: Number(Deno.env.get('PORT')), hostname: 'localhost', onListen: () => {} }, (request, info) =>
  server.handle(request, request.headers.get('CF-Connecting-IP') ?? info.remoteAddr.hostname),
);
