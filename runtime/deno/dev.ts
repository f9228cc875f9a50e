/**
 * `npm run dev:deno` / `deno task dev`: the PWA and /api on http://localhost:PORT with the dev
 * outbox, from wrangler.toml's [vars] and .dev.vars (made from .dev.vars.example if missing), as
 * `npm run dev` does on workerd. Data stays in .data/deno unless DATA_DIR says otherwise.
 */
import { copyFileSync, existsSync } from 'node:fs';
import { createWorkerServer } from './server.ts';
import { dotVars, runtimeSettings, wranglerVars } from './settings.ts';

const environment = Deno.env.toObject();
const runtime = runtimeSettings(environment, { hostname: 'localhost', dataDir: '.data/deno' });
if (!existsSync('.dev.vars') && existsSync('.dev.vars.example')) copyFileSync('.dev.vars.example', '.dev.vars');
const vars: Record<string, string> = {
  ...wranglerVars(),
  ...dotVars('.dev.vars'),
  ORIGIN: `http://localhost:${runtime.port}`,
};
// The environment overrides the vars it names; `--var NAME=value` (as wrangler dev takes) sets any.
for (const name of Object.keys(environment)) if (name in vars) vars[name] = environment[name] as string;
for (const [i, arg] of Deno.args.entries()) {
  const pair = arg === '--var' ? /^([A-Z][A-Z0-9_]*)=(.*)$/s.exec(Deno.args[i + 1] ?? '') : null;
  if (pair) vars[pair[1] as string] = pair[2] as string;
}

const server = createWorkerServer({ vars, ...runtime });
Deno.serve(
  {
    port: runtime.port,
    hostname: runtime.hostname,
    onListen: () => console.log(`countersign (Deno, dev outbox) on ${vars.ORIGIN}`),
  },
  (request, info) => server.handle(request, info.remoteAddr.hostname),
);
