/**
 * The ASSETS binding: the built PWA served from a folder as Workers static assets serve it, with
 * the `_headers` rules (web/public/_headers), ETags, and the single-page-application fallback
 * (`not_found_handling = "single-page-application"`: an unknown path gets index.html).
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

interface HeaderRule {
  pattern: RegExp;
  headers: [string, string][];
}

/** Parses a `_headers` file: a path pattern, then indented `Name: value` lines. */
export function parseHeaders(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      const source = line
        .trim()
        .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/:[a-z]\w*/gi, '[^/]+');
      rules.push({ pattern: new RegExp(`^${source}$`), headers: [] });
    } else {
      const at = line.indexOf(':');
      if (at > 0) rules.at(-1)?.headers.push([line.slice(0, at).trim(), line.slice(at + 1).trim()]);
    }
  }
  return rules;
}

interface Asset {
  body: Uint8Array<ArrayBuffer>;
  etag: string;
  type: string;
}

/** A Fetcher over a built folder; files are read once and kept (the folder is immutable). */
export function assetsFetcher(root: string): Fetcher {
  const cache = new Map<string, Asset | null>();
  let rules: HeaderRule[] | null = null;
  const read = (relative: string): Asset | null => {
    if (cache.has(relative)) return cache.get(relative) ?? null;
    let asset: Asset | null = null;
    const path = normalize(join(root, relative));
    if (path.startsWith(normalize(root) + sep) && !relative.split('/').some((p) => p.startsWith('_'))) {
      try {
        if (statSync(path).isFile()) {
          const body = new Uint8Array(readFileSync(path));
          const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"`;
          asset = { body, etag, type: types[extname(path)] ?? 'application/octet-stream' };
        }
      } catch {
        asset = null;
      }
    }
    cache.set(relative, asset);
    return asset;
  };
  const headerRules = () => {
    if (rules) return rules;
    try {
      rules = parseHeaders(readFileSync(join(root, '_headers'), 'utf8'));
    } catch {
      rules = [];
    }
    return rules;
  };
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return new Response('Method Not Allowed', { status: 405 });
    const { pathname } = new URL(request.url);
    let relative: string;
    try {
      relative = decodeURIComponent(pathname).replace(/^\/+/, '');
    } catch {
      return new Response('Bad Request', { status: 400 });
    }
    if (relative.endsWith('index.html') || relative.endsWith('.html')) {
      // Workers assets serve /index.html at / and /page.html at /page.
      const clean = `/${relative.replace(/(^|\/)index\.html$/, '$1').replace(/\.html$/, '')}`;
      if (read(relative)) return new Response(null, { status: 307, headers: { Location: clean } });
    }
    const asset =
      read(relative === '' || relative.endsWith('/') ? `${relative}index.html` : relative) ??
      read(`${relative}.html`) ??
      read(`${relative}/index.html`) ??
      read('index.html');
    if (!asset) return new Response('Not Found', { status: 404 });
    const headers = new Headers({
      'Content-Type': asset.type,
      ETag: asset.etag,
      'Cache-Control': 'public, max-age=0, must-revalidate',
    });
    for (const rule of headerRules())
      if (rule.pattern.test(pathname)) for (const [k, v] of rule.headers) headers.set(k, v);
    if (request.headers.get('If-None-Match') === asset.etag) return new Response(null, { status: 304, headers });
    return new Response(request.method === 'HEAD' ? null : (asset.body as Uint8Array<ArrayBuffer>), {
      status: 200,
      headers,
    });
  };
  return { fetch, connect: () => Promise.reject(new Error('not supported')) } as unknown as Fetcher;
}
