// `npm test`: dry-runs the production environment of wrangler.toml and fails if it lacks a binding
// or a var that the top level (dev) has, or if it keeps a dev-only value. Wrangler does not inherit
// bindings or vars into an environment and only warns (exit 0) when they are missing (issue 12).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const wrangler = (...args) =>
  execFileSync('wrangler', ['deploy', '--dry-run', ...args], {
    encoding: 'utf8',
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

/** `env.NAME (value)` lines of wrangler's binding table, as a map of name → value or resource. */
function bindingsOf(output) {
  const found = new Map();
  for (const line of output.split('\n')) {
    const match = /^env\.(\w+)(?: \((.*)\))?\s{2,}\S/.exec(line.trim());
    if (match) found.set(match[1], match[2] ?? '');
  }
  return found;
}

const dev = bindingsOf(wrangler('--outdir', 'dist/worker'));
const production = bindingsOf(wrangler('--env', 'production', '--outdir', 'dist/worker-production'));
const problems = [];
for (const name of dev.keys())
  if (!production.has(name)) problems.push(`${name} is bound in dev but not in production`);
const expect = { RECOVERY_WAIT_HOURS: '"24"', DELIVERY: '"twilio"' };
for (const [name, value] of Object.entries(expect))
  if (production.get(name) !== value) problems.push(`production ${name} is ${production.get(name)}, not ${value}`);
if (dev.size < 10) problems.push(`only ${dev.size} bindings read from wrangler's output: has its format changed?`);
// Issue 12: the minified worker stays within 150 KB gzip (the bundle is most of a cold start).
const budget = 150 * 1024;
const gzipped = gzipSync(readFileSync('dist/worker-production/index.js')).length;
if (gzipped > budget) problems.push(`the production bundle is ${(gzipped / 1024).toFixed(1)} KiB gzip, over 150`);
if (problems.length > 0) {
  console.error(`wrangler.toml [env.production] is not complete:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log(
  `production environment: ${production.size} bindings and vars, every one of dev's present; bundle ${(gzipped / 1024).toFixed(1)} KiB gzip (budget 150)`,
);
