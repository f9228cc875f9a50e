import { mkdirSync } from 'node:fs';
import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

// wrangler.toml names the built PWA as the assets directory; the tests do not need it built.
mkdirSync('dist/web', { recursive: true });

// Worker tests run inside workerd with real Durable Objects (storage isolated per test file).
export default defineConfig({
  // The same module alias as wrangler.toml, so the tests run the code that is deployed.
  resolve: {
    alias: Object.fromEntries(
      ['@peculiar/x509', '@peculiar/asn1-android', '@peculiar/asn1-rsa', 'reflect-metadata'].map((name) => [
        name,
        new URL('./worker/vendor/attestation-refused.ts', import.meta.url).pathname,
      ]),
    ),
  },
  plugins: [
    cloudflareTest({
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        bindings: {
          BOOTSTRAP_ADMIN_SECRET: 'test-bootstrap-secret-0123456789',
          CODE_HMAC_SECRET: 'test-code-hmac-secret-0123456789abcdef',
          // The production wait (wrangler.toml's dev value is 0): the tests move time on themselves.
          RECOVERY_WAIT_HOURS: '24',
          // Test-only VAPID key pair (test/worker/push.test.ts); the dev pair is in .dev.vars.example.
          VAPID_PUBLIC_KEY: 'BADWzgJxLIAqaniehnZ4lF3qfjyUt3e46C-GCG0vx6qxLD7mUmMWsuqKnPbR8HLWRyLy6IdqbF0-GMMzgr2ZYzM',
          VAPID_PRIVATE_KEY: 'jAMpn7cbiPCyUDBs7SBBnTASbeGFY6DG1CdBk8eCzVk',
        },
      },
    }),
  ],
  test: {
    // The worker's one-line request logs (worker/http/request-log.ts) would drown what tests print.
    onConsoleLog: (line) => !line.startsWith('{"level":"info","event":"request"'),
    include: ['test/worker/**/*.test.ts', 'shared/**/*.test.ts', 'worker/**/*.test.ts'],
    // A local Web Push service (Node) that decrypts what the worker sends; its URL is `inject('pushService')`.
    // A local Twilio- and Postmark-compatible API that checks each message request: `inject('twilioService')`.
    globalSetup: ['test/worker/push-service.ts', 'test/worker/twilio-service.ts'],
  },
});
