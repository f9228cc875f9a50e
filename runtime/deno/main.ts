/**
 * Production start on Deno: `deno task start` (or `npm run start:deno`). Every setting comes from
 * the environment (README "Running on Deno"); a dev-only setting on a public origin stops it.
 */
import { createWorkerServer } from './server.ts';
import { productionProblems, runtimeSettings } from './settings.ts';

const environment = Deno.env.toObject();
const runtime = runtimeSettings(environment, { hostname: '127.0.0.1' });
const problems = productionProblems(environment, runtime);
if (problems.length > 0) {
  console.error(`countersign: not starting:\n- ${problems.join('\n- ')}`);
  Deno.exit(1);
}

const server = createWorkerServer({ vars: environment, ...runtime });
const http = Deno.serve(
  {
    port: runtime.port,
    hostname: runtime.hostname,
    onListen: ({ hostname, port }) =>
      console.log(`countersign on http://${hostname}:${port} for ${environment.ORIGIN}`),
  },
  (request, info) => server.handle(request, info.remoteAddr.hostname),
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  Deno.addSignalListener(signal, async () => {
    await http.shutdown();
    await server.close();
    Deno.exit(0);
  });
}
