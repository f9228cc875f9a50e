/** The secrets and vars the worker tests run with, on workerd (vitest.config.ts) and on Deno (test/deno/). */
export const testVars = {
  BOOTSTRAP_ADMIN_SECRET: 'test-bootstrap-secret-0123456789',
  CODE_HMAC_SECRET: 'test-code-hmac-secret-0123456789abcdef',
  // The production wait (wrangler.toml's dev value is 0): the tests move time on themselves.
  RECOVERY_WAIT_HOURS: '24',
  // Test-only VAPID key pair (test/worker/push.test.ts); the dev pair is in .dev.vars.example.
  VAPID_PUBLIC_KEY: 'BADWzgJxLIAqaniehnZ4lF3qfjyUt3e46C-GCG0vx6qxLD7mUmMWsuqKnPbR8HLWRyLy6IdqbF0-GMMzgr2ZYzM',
  VAPID_PRIVATE_KEY: 'jAMpn7cbiPCyUDBs7SBBnTASbeGFY6DG1CdBk8eCzVk',
};
