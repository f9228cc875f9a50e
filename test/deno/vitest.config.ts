/**
 * The worker suite (test/worker/) on the Deno runtime: run under Deno (`npm run test:deno`). The
 * same test files as on workerd; `cloudflare:workers` and `cloudflare:test` resolve to the Deno
 * stand-ins in this folder, so `exports.default.fetch` goes over real HTTP to a Deno server.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vitest/config';

mkdirSync('dist/web', { recursive: true });
const root = new URL('../../', import.meta.url).pathname;
const here = (file: string) => new URL(file, import.meta.url).pathname;

/** `"module" = "./path"` lines of wrangler.toml's [alias] table. */
function wranglerAliases(): Record<string, string> {
  const table = /^\[alias\]\n([\s\S]*?)(?=^\[)/m.exec(readFileSync(`${root}wrangler.toml`, 'utf8'))?.[1] ?? '';
  return Object.fromEntries(
    [...table.matchAll(/^"([^"]+)"\s*=\s*"\.\/([^"]+)"/gm)].map(([, name, path]) => [name, `${root}${path}`]),
  );
}

/** The worker's code gets the runtime's DurableObject base; tests get the test stand-ins. */
function cloudflareModulesOnDeno(): Plugin {
  return {
    name: 'cloudflare-modules-on-deno',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === 'cloudflare:test') return here('./cloudflare-test.ts');
      if (source !== 'cloudflare:workers') return null;
      const fromWorker = importer?.startsWith(`${root}worker/`) || importer?.startsWith(`${root}runtime/`);
      return fromWorker ? `${root}runtime/deno/cloudflare-workers.ts` : here('./cloudflare-workers.ts');
    },
  };
}

export default defineConfig({
  // wrangler.toml's [alias] table, read from it, so these tests run the modules that are deployed.
  resolve: { alias: wranglerAliases() },
  plugins: [cloudflareModulesOnDeno()],
  test: {
    root,
    // The worker's one-line request logs would drown what tests print (as in vitest.config.ts).
    onConsoleLog: (line) => !line.startsWith('{"level":"info","event":"request"'),
    include: ['test/worker/**/*.test.ts', 'test/deno/**/*.test.ts'],
    pool: 'forks',
    setupFiles: [here('./setup.ts')],
    globalSetup: ['test/worker/push-service.ts', 'test/worker/twilio-service.ts', 'test/worker/webhook-receiver.ts'],
  },
});
