/**
 * Settings of the Deno server. Production (main.ts) takes every setting from the environment and
 * refuses to start with a dev-only one on a public origin; dev (dev.ts) starts from wrangler.toml's
 * [vars] and .dev.vars, as `wrangler dev` does.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isDevOrigin } from '../../worker/core/config.ts';

/** The runtime's own settings (read from the environment; the worker never sees meaning in them). */
export interface RuntimeSettings {
  port: number;
  hostname: string;
  dataDir: string;
  assetsDir: string;
  placeHeader?: string;
  clientIpHeader?: string;
}

/** `KEY = "value"` lines of wrangler.toml's [vars] table. */
export function wranglerVars(path = 'wrangler.toml'): Record<string, string> {
  const vars: Record<string, string> = {};
  let inVars = false;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const table = /^\s*\[+([^\]]+)\]+/.exec(line);
    if (table) inVars = table[1]?.trim() === 'vars';
    const pair = inVars && /^\s*([A-Z][A-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"/.exec(line);
    if (pair) vars[pair[1] as string] = JSON.parse(`"${pair[2]}"`);
  }
  return vars;
}

/** `KEY=value` lines of a .dev.vars file (comments and blanks skipped). */
export function dotVars(path: string): Record<string, string> {
  const vars: Record<string, string> = {};
  if (!existsSync(path)) return vars;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const pair = /^\s*([A-Z][A-Z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (pair) vars[pair[1] as string] = (pair[2] as string).trim().replace(/^"(.*)"$/, '$1');
  }
  return vars;
}

/** The runtime settings from the environment, with these defaults. */
export function runtimeSettings(env: Record<string, string>, defaults: Partial<RuntimeSettings>): RuntimeSettings {
  const port = Number(env.PORT ?? defaults.port ?? 8787);
  return {
    port: Number.isInteger(port) && port >= 0 && port < 65536 ? port : 8787,
    hostname: env.HOSTNAME ?? defaults.hostname ?? '127.0.0.1',
    dataDir: env.DATA_DIR ?? defaults.dataDir ?? '',
    assetsDir: env.ASSETS_DIR ?? defaults.assetsDir ?? 'dist/web',
    placeHeader: env.PLACE_HEADER || undefined,
    clientIpHeader: env.CLIENT_IP_HEADER || undefined,
  };
}

/** What keeps a production start from going ahead; empty when it may start. */
export function productionProblems(vars: Record<string, string>, runtime: RuntimeSettings): string[] {
  const problems: string[] = [];
  let origin: URL | null = null;
  try {
    origin = new URL(vars.ORIGIN ?? '');
  } catch {
    problems.push('ORIGIN must be the public origin, e.g. https://verify.bank.example');
  }
  if (!runtime.dataDir) problems.push('DATA_DIR must name the data folder (one SQLite file per object; back it up)');
  if ((vars.CODE_HMAC_SECRET ?? '').length < 32) problems.push('CODE_HMAC_SECRET must be set (at least 32 characters)');
  if (origin && !isDevOrigin(origin.href)) {
    if (origin.protocol !== 'https:') problems.push('ORIGIN must be https:// outside localhost');
    if (vars.RP_ID && vars.RP_ID !== origin.hostname && !origin.hostname.endsWith(`.${vars.RP_ID}`)) {
      problems.push(`RP_ID ${vars.RP_ID} is not the origin's host or a parent of it`);
    }
    // Dev-only settings: each is refused, not quietly ignored, so a mistake shows at start-up.
    if (vars.DELIVERY === 'outbox')
      problems.push('DELIVERY=outbox is the dev outbox (shows every code to anyone); set DELIVERY=twilio');
    if (vars.RECOVERY_WAIT_HOURS !== undefined && Number(vars.RECOVERY_WAIT_HOURS) < 1) {
      problems.push('RECOVERY_WAIT_HOURS below 1 is for development only');
    }
  }
  return problems;
}
