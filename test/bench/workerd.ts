/**
 * The bench worker on workerd through Miniflare's API: the same runtime as `wrangler dev` (real
 * Durable Objects, SQLite storage, alarms, static assets), without wrangler's dev proxy and
 * inspector. Under load `wrangler dev` relays every console line of the worker over the inspector
 * to its own process and proxies every request through a second workerd; on this 2-core machine
 * that proxy lost its connection to the worker ("Error: Network connection lost.") and wrangler
 * then exits on that one request's error (cloudflare/workers-sdk#15317, #14926). Here the load
 * goes straight to workerd's socket, and the worker's log lines are counted, not printed.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { convertV4MiniflareOptions, Log, LogLevel, Miniflare } from 'miniflare';
import { unstable_getMiniflareWorkerOptions } from 'wrangler';

/** The worker's log lines by level, and the first few at warn or error, for the run's summary. */
export interface WorkerLogs {
  byLevel: Record<string, number>;
  notable: string[];
}

/** Bundles the bench worker as `wrangler deploy` would (aliases, rules), without minifying. */
function bundle(root: string, config: string, outdir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(
      process.execPath,
      [
        join(root, 'node_modules/wrangler/bin/wrangler.js'),
        'deploy',
        '--dry-run',
        '--env=',
        '-c',
        config,
        '--outdir',
        outdir,
      ],
      { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } },
    );
    p.on('exit', (code) => (code === 0 ? resolve(join(outdir, 'worker.js')) : reject(new Error(`bundle: ${code}`))));
  });
}

/** workerd's processes under this one (Miniflare's child), for their resident memory. */
function workerdPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [, comm, rest] = /^\d+ \((.*)\) (.*)$/s.exec(stat) ?? [];
      const ppid = Number(rest?.split(' ')[1]);
      if (comm === 'workerd' && ppid === process.pid) pids.push(Number(entry));
    } catch {
      // gone
    }
  }
  return pids;
}

/** Sum of workerd's resident memory (VmRSS), in MB. */
export function workerdRssMb(): number {
  let kb = 0;
  for (const pid of workerdPids()) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  return kb / 1024;
}

/** Starts workerd on `port` with the bench config and vars; persisted under `state`. */
export async function startWorkerd(options: {
  root: string;
  config: string;
  port: number;
  state: string;
  vars: Record<string, string>;
  /** Opens workerd's inspector here (for the CPU profiler only: profile.ts). */
  inspectorPort?: number;
}): Promise<{ origin: string; stop(): Promise<void>; logs: WorkerLogs; crashes(): number; inspectorPort?: number }> {
  const { root, config, port, state, vars, inspectorPort } = options;
  const script = await bundle(root, config, join(root, 'dist/bench/bundle'));
  // One bundled module: the config's module rules are for an unbundled worker.
  const { modulesRules: _rules, ...workerOptions } = unstable_getMiniflareWorkerOptions(config).workerOptions;
  const logs: WorkerLogs = { byLevel: {}, notable: [] };
  let crashed = 0;
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      ...workerOptions,
      name: 'countersign-bench',
      modules: true,
      scriptPath: script,
      bindings: { ...(workerOptions.bindings as Record<string, unknown>), ...vars },
      host: 'localhost',
      port,
      resourcePersistencePath: state,
      cf: false,
      ...(inspectorPort ? { inspectorPort } : {}),
      log: new Log(LogLevel.WARN),
      unsafeHandleRuntimeRestart: () => {
        crashed += 1;
      },
      handleStructuredLogs: ({ level, message }) => {
        // The product logs JSON lines with their own level; workerd's own lines carry workerd's.
        const own = /^\{"level":"(\w+)"/.exec(message)?.[1] ?? level;
        logs.byLevel[own] = (logs.byLevel[own] ?? 0) + 1;
        if ((own === 'warn' || own === 'error') && logs.notable.length < 20) logs.notable.push(message.slice(0, 300));
      },
    } as Parameters<typeof convertV4MiniflareOptions>[0]),
  );
  const url = await mf.ready;
  return {
    origin: `http://localhost:${url.port}`,
    stop: () => mf.dispose(),
    logs,
    crashes: () => crashed,
    inspectorPort,
  };
}
