/// <reference types="vite/client" />
/**
 * What may import what (docs/architecture.md, issue 10): the PWA imports `shared/` and, as types
 * only, the worker's route types (`worker/app.ts`, for the typed client); `shared/` imports neither
 * side; `worker/core/` holds rules that do not depend on where they run, so it imports no
 * Cloudflare module, no binding (`worker/env.ts`, objects) and nothing of http/, routes/ or delivery.
 */
import { describe, expect, it } from 'vitest';

const sources = import.meta.glob(['/worker/**/*.ts', '/web/**/*.{ts,tsx}', '/shared/**/*.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

/** Every module a file imports or re-exports, type-only or not, resolved to a path from the root. */
function importsOf(path: string, text: string): { target: string; typeOnly: boolean }[] {
  const found: { target: string; typeOnly: boolean }[] = [];
  const statement = /(?:^|\n)\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/g;
  for (const m of text.matchAll(statement)) found.push({ target: m[2] as string, typeOnly: Boolean(m[1]) });
  for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g))
    found.push({ target: m[1] as string, typeOnly: false });
  return found.map(({ target, typeOnly }) => ({
    target: target.startsWith('.') ? new URL(target, `http://x${path}`).pathname : target,
    typeOnly,
  }));
}

const breaking = (files: RegExp, rule: (i: { target: string; typeOnly: boolean }) => boolean) =>
  Object.entries(sources)
    .filter(([path]) => files.test(path) && !path.endsWith('.test.ts'))
    .flatMap(([path, text]) =>
      importsOf(path, text)
        .filter(rule)
        .map((i) => `${path} → ${i.target}`),
    );

describe('module boundaries', () => {
  it('reads the sources it checks, and their imports', () => {
    expect(Object.keys(sources).filter((p) => p.startsWith('/web/')).length).toBeGreaterThan(30);
    expect(importsOf('/web/api.ts', sources['/web/api.ts'] ?? '')).toContainEqual({
      target: '/worker/app.ts',
      typeOnly: true,
    });
  });

  it('the PWA imports nothing of the worker but the route types, and those as types', () => {
    const offenders = breaking(
      /^\/web\//,
      (i) => i.target.startsWith('/worker/') && !(i.typeOnly && i.target === '/worker/app.ts'),
    );
    expect(offenders).toEqual([]);
  });

  it('shared/ imports neither the worker nor the PWA', () => {
    expect(breaking(/^\/shared\//, (i) => /^\/(worker|web)\//.test(i.target))).toEqual([]);
  });

  it('worker/core imports no Cloudflare module, no binding and no transport', () => {
    const offenders = breaking(
      /^\/worker\/core\//,
      (i) =>
        i.target.startsWith('cloudflare:') ||
        /^\/worker\/(env\.ts|objects\/|http\/|routes\/|delivery\/|messenger\/|notify\/)/.test(i.target),
    );
    expect(offenders).toEqual([]);
  });

  it('the worker has no import cycle at run time', () => {
    const graph = new Map(
      Object.entries(sources)
        .filter(([path]) => path.startsWith('/worker/') && !path.endsWith('.test.ts'))
        .map(([path, text]) => [
          path,
          importsOf(path, text)
            .filter((i) => !i.typeOnly && i.target.startsWith('/worker/'))
            .map((i) => i.target),
        ]),
    );
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (path: string, trail: string[]) => {
      if (state.get(path) === 'done') return;
      if (state.get(path) === 'open') {
        cycles.push([...trail.slice(trail.indexOf(path)), path].join(' → '));
        return;
      }
      state.set(path, 'open');
      for (const next of graph.get(path) ?? []) visit(next, [...trail, path]);
      state.set(path, 'done');
    };
    for (const path of graph.keys()) visit(path, []);
    expect(cycles).toEqual([]);
  });
});
