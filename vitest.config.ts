import { mkdirSync } from 'node:fs';
import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';
import { testVars } from './test/worker/test-vars.ts';

// wrangler.toml names the built PWA as the assets directory; the tests do not need it built.
mkdirSync('dist/web', { recursive: true });

// Worker tests run inside workerd with real Durable Objects (storage isolated per test file).
export default defineConfig({
  // The same module alias as wrangler.toml, so the tests run the code that is deployed.
  resolve: {
    alias: Object.fromEntries([
      ...[
        '@peculiar/x509',
        '@peculiar/asn1-android',
        '@peculiar/asn1-rsa',
        '@peculiar/asn1-x509',
        '@peculiar/asn1-x509-post-quantum',
        'reflect-metadata',
      ].map((name) => [name, new URL('./worker/vendor/attestation-refused.ts', import.meta.url).pathname]),
      ...['@peculiar/asn1-schema', '@peculiar/asn1-ecc'].map((name) => [
        name,
        new URL('./worker/vendor/ecdsa-der.ts', import.meta.url).pathname,
      ]),
    ]),
  },
  plugins: [
    cloudflareTest({
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        bindings: testVars,
      },
    }),
  ],
  test: {
    // The worker's one-line request and security-event logs would drown what tests print.
    onConsoleLog: (line) =>
      !line.startsWith('{"level":"info","event":"request"') &&
      !line.startsWith('{"level":"info","event":"security_event"'),
    include: ['test/worker/**/*.test.ts', 'shared/**/*.test.ts', 'worker/**/*.test.ts', 'web/i18n/**/*.test.ts'],
    // A local Web Push service (Node) that decrypts what the worker sends; its URL is `inject('pushService')`.
    // A local Twilio- and Postmark-compatible API that checks each message request: `inject('twilioService')`.
    // A local webhook receiver that logs each delivery as received: `inject('webhookReceiver')`.
    globalSetup: ['test/worker/push-service.ts', 'test/worker/twilio-service.ts', 'test/worker/webhook-receiver.ts'],
  },
});
