/**
 * workerd's CPU profiler over the inspector (BENCH_PROFILE=d,e): samples the worker's isolate (the
 * worker and its Durable Objects) during one load, then sums the self time of the product's
 * functions into the pieces of a request. workerd's clocks stand still while JavaScript runs
 * (a Spectre mitigation), so `performance.now()` spans cannot time CPU; the sampler can.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Pieces of a request, by the functions whose self time counts for each (first match wins). */
const pieces: [string, RegExp][] = [
  ['SQLite (exec, rows)', /^(exec|toArray|one|raw|next|recordOf|record|countTry|recordWrong|takePendingWrong|write)$/],
  [
    'HMAC (codeHash, subtle.sign)',
    /^(codeHash|givenCodeHashes|sign|importKey|digest|matchesStored|timingSafeEqualBytes)$/,
  ],
  ['sockets (showOnScreens, viewFor)', /^(showOnScreens|sendAll|getWebSockets|viewFor|summaryOf)$/],
  ['session (requireSession, cache)', /^(requireSession|readSessionCookie|getCookie|parse|get|put|sessionPolicy)$/],
  ['logging (log, JSON)', /^(log|stringify|requestLog|logRequest)$/],
  ['validation (zod)', /(parse|safeParse|_parse|run|check)/i],
  ['routing, middleware (Hono)', /^(dispatch|compose|fetch|match|handler|next|route)$/],
  ['GC', /^\(garbage collector\)$/],
  ['idle', /^\((idle|program)\)$/],
];

/** The functions of the (d) and (e) paths whose inclusive time is printed. */
const inclusiveOf = [
  'fetch',
  'requireSession',
  'requestLog',
  'log',
  'jsonBody',
  'checkCustomerCode',
  'countTry',
  'givenCodeHashes',
  'codeHash',
  'record',
  'wrongCode',
  'recordWrong',
  'showOnScreens',
  'viewFor',
  'refuse',
  'json',
  // (e) start verification
  'prepareStart',
  'launchStart',
  'sendMessage',
  'takeBudgets',
  'migrate',
  'append',
];

/** The bundle's source files by first line (esbuild marks each with a `// path` comment line). */
function sourcesOf(bundle: string): { line: number; file: string }[] {
  const files: { line: number; file: string }[] = [];
  readFileSync(bundle, 'utf8')
    .split('\n')
    .forEach((text, i) => {
      const file = /^\/\/ (?:\.\.\/)*(\S+\.(?:ts|js|mjs))$/.exec(text)?.[1];
      if (file) files.push({ line: i, file: file.replace(/^node_modules\/((@[^/]+\/)?[^/]+).*/, '$1 (package)') });
    });
  return files;
}

/** Runs `load` while the worker's isolate is profiled; prints self time per piece, per source file and the top functions. */
export async function profileDuring(
  inspectorPort: number,
  bundle: string,
  load: () => Promise<unknown>,
): Promise<void> {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json`)).json()) as {
    webSocketDebuggerUrl: string;
    title?: string;
  }[];
  const target = targets.find((t) => t.webSocketDebuggerUrl) ?? targets[0];
  if (!target) throw new Error('no inspector target');
  const ws = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = reject;
  });
  let id = 0;
  const waiting = new Map<number, (result: unknown) => void>();
  ws.onmessage = (m) => {
    const message = JSON.parse(String(m.data)) as { id?: number; result?: unknown };
    if (message.id !== undefined) waiting.get(message.id)?.(message.result);
  };
  const send = <T>(method: string, params: object = {}) =>
    new Promise<T>((resolve) => {
      id += 1;
      waiting.set(id, resolve as (r: unknown) => void);
      ws.send(JSON.stringify({ id, method, params }));
    });
  await send('Profiler.enable');
  await send('Profiler.setSamplingInterval', { interval: 500 });
  await send('Profiler.start');
  await load();
  const { profile } = await send<{ profile: Profile }>('Profiler.stop');
  ws.close();

  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples.forEach((nodeId, i) => {
    const frame = byNode.get(nodeId)?.callFrame;
    const name = frame ? frame.functionName || '(anonymous)' : '?';
    self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const busy = total - (self.get('(idle)') ?? 0) - (self.get('(program)') ?? 0);
  const byPiece = new Map<string, number>();
  for (const [name, us] of self) {
    const piece = pieces.find(([, pattern]) => pattern.test(name))?.[0] ?? 'other JavaScript';
    byPiece.set(piece, (byPiece.get(piece) ?? 0) + us);
  }
  console.log(`\nworkerd CPU profile of the load (sampled every 0.5 ms; ${(total / 1e6).toFixed(1)} s sampled):`);
  for (const [piece, us] of [...byPiece].sort((a, b) => b[1] - a[1])) {
    console.log(`  ${piece.padEnd(36)} ${(us / 1000).toFixed(0).padStart(7)} ms  ${((100 * us) / total).toFixed(1)}%`);
  }
  // Inclusive time of the (d) path's pieces: a sample counts for every function on its stack.
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inclusive = new Map<string, number>();
  profile.samples.forEach((nodeId, i) => {
    const seen = new Set<string>();
    for (let n: number | undefined = nodeId; n !== undefined; n = parent.get(n)) {
      const name = byNode.get(n)?.callFrame.functionName;
      if (name && !seen.has(name)) seen.add(name);
    }
    for (const name of seen) inclusive.set(name, (inclusive.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  console.log(`  inclusive (the function and what it calls), of ${(busy / 1000).toFixed(0)} ms not idle:`);
  for (const name of inclusiveOf) {
    const us = inclusive.get(name) ?? 0;
    console.log(`    ${name.padEnd(40)} ${(us / 1000).toFixed(0).padStart(6)} ms  ${((100 * us) / busy).toFixed(1)}%`);
  }
  // Self time by source file of the bundle (native calls count for the file that made them).
  const sources = sourcesOf(bundle);
  const byFile = new Map<string, number>();
  profile.samples.forEach((nodeId, i) => {
    const frame = byNode.get(nodeId)?.callFrame;
    let file = frame?.functionName.startsWith('(') ? frame.functionName : '(native or runtime)';
    if (frame?.url.endsWith('.js')) {
      let lo = 0;
      for (let hi = sources.length - 1; lo < hi; ) {
        const mid = Math.ceil((lo + hi) / 2);
        if ((sources[mid] as { line: number }).line <= frame.lineNumber) lo = mid;
        else hi = mid - 1;
      }
      file = sources[lo]?.file ?? file;
    }
    byFile.set(file, (byFile.get(file) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  console.log(`  self time by source file (of ${(busy / 1000).toFixed(0)} ms not idle):`);
  const files = [...byFile].filter(([f]) => !/^\((idle|program)\)$/.test(f)).sort((a, b) => b[1] - a[1]);
  for (const [file, us] of files.slice(0, 25)) {
    console.log(
      `    ${file.slice(0, 56).padEnd(56)} ${(us / 1000).toFixed(0).padStart(6)} ms  ${((100 * us) / busy).toFixed(1)}%`,
    );
  }
  console.log(`  top functions by self time (of ${(busy / 1000).toFixed(0)} ms not idle):`);
  const top = [...self].filter(([n]) => !/^\((idle|program)\)$/.test(n)).sort((a, b) => b[1] - a[1]);
  for (const [name, us] of top.slice(0, 25)) {
    console.log(
      `    ${name.slice(0, 40).padEnd(40)} ${(us / 1000).toFixed(0).padStart(6)} ms  ${((100 * us) / busy).toFixed(1)}%`,
    );
  }
}
