import { mkdirSync } from 'node:fs';
import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

// wrangler.toml names the built PWA as the assets directory; the tests do not need it built.
mkdirSync('dist/web', { recursive: true });

// Worker tests run inside workerd with real Durable Objects (storage isolated per test file).
export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: './wrangler.toml' },
      miniflare: { bindings: { BOOTSTRAP_ADMIN_SECRET: 'test-bootstrap-secret-0123456789' } },
    }),
  ],
  test: { include: ['test/worker/**/*.test.ts', 'shared/**/*.test.ts', 'worker/**/*.test.ts'] },
});
