/**
 * The Deno runtime's own guarantees, the ones workerd gives and the product relies on: ids only
 * this server made, one live instance per id, rollback of transactionSync, the bindings of
 * wrangler.toml, trusted client address and place, the PWA's headers and fallback, and a
 * production start that refuses dev-only settings.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IdMaker } from '../../runtime/deno/ids.ts';
import { bindings, forwardedRequest, placeFrom } from '../../runtime/deno/server.ts';
import { productionProblems, runtimeSettings } from '../../runtime/deno/settings.ts';
import { splitStatements } from '../../runtime/deno/sql.ts';
import { onP256 } from '../../runtime/deno/webcrypto.ts';
import type { Env } from '../../worker/env.ts';
import { runInDurableObject } from './cloudflare-test.ts';
import { base, server } from './worker-under-test.ts';

const env = server.env as unknown as Env;

describe('object ids', () => {
  it('refuses ids another server, another namespace or a guess made, as workerd does', () => {
    const ours = env.ACCOUNT.newUniqueId().toString();
    expect(env.ACCOUNT.idFromString(ours).toString()).toBe(ours);
    const otherServer = new IdMaker('ACCOUNT', new Uint8Array(32).fill(7)).unique().toString();
    expect(() => env.ACCOUNT.idFromString(otherServer)).toThrow(/not made by this namespace/);
    expect(() => env.CALL.idFromString(ours)).toThrow(/not made by this namespace/);
    expect(() => env.ACCOUNT.idFromString(`${ours.slice(0, 63)}${ours.endsWith('0') ? '1' : '0'}`)).toThrow();
    expect(() => env.ACCOUNT.idFromString('not-an-id')).toThrow(/64 hex/);
  });

  it('gives the same id for the same name, and ids by name pass idFromString', () => {
    const a = env.HANDLE.idFromName('handle:ada');
    expect(a.toString()).toBe(env.HANDLE.idFromName('handle:ada').toString());
    expect(a.toString()).not.toBe(env.HANDLE.idFromName('handle:bob').toString());
    expect(env.HANDLE.idFromString(a.toString()).toString()).toBe(a.toString());
  });
});

describe('objects', () => {
  it('keeps one live instance per id, whichever stub reaches it', async () => {
    const id = env.OUTBOX.idFromName('one-instance');
    const first = await runInDurableObject(env.OUTBOX.get(id), (instance) => instance);
    const second = await runInDurableObject(
      env.OUTBOX.get(env.OUTBOX.idFromString(id.toString())),
      (instance) => instance,
    );
    expect(first).toBe(second);
  });

  it('rolls back everything a failed transactionSync wrote, and keeps what came before', async () => {
    const stub = env.OUTBOX.get(env.OUTBOX.idFromName('transactions'));
    const rows = await runInDurableObject(stub, (_o, state) => {
      state.storage.sql.exec('CREATE TABLE t (n INTEGER)');
      state.storage.sql.exec('INSERT INTO t VALUES (1)');
      expect(() =>
        state.storage.transactionSync(() => {
          state.storage.sql.exec('INSERT INTO t VALUES (2)');
          throw new Error('refused');
        }),
      ).toThrow('refused');
      const written = state.storage.sql.exec('INSERT INTO t VALUES (3), (4)').rowsWritten;
      return { written, rows: state.storage.sql.exec<{ n: number }>('SELECT n FROM t ORDER BY n').toArray() };
    });
    expect(rows).toEqual({ written: 2, rows: [{ n: 1 }, { n: 3 }, { n: 4 }] });
  });

  it('refuses RPC to the handlers the runtime delivers itself', async () => {
    const stub = env.CALL.get(env.CALL.newUniqueId()) as unknown as {
      alarm(): Promise<void>;
      nothing(): Promise<void>;
    };
    await expect(stub.alarm()).rejects.toThrow(/does not implement/);
    await expect(stub.nothing()).rejects.toThrow(/does not implement/);
  });

  it('holds other events while blockConcurrencyWhile runs', async () => {
    const stub = env.OUTBOX.get(env.OUTBOX.idFromName('gate'));
    const order: string[] = [];
    let open = () => {};
    await runInDurableObject(stub, (_o, state) => {
      void state.blockConcurrencyWhile(async () => {
        await new Promise<void>((resolve) => {
          open = resolve;
        });
        order.push('gate');
      });
    });
    const later = runInDurableObject(stub, () => order.push('event'));
    await new Promise((r) => setTimeout(r, 20));
    expect(order).toEqual([]);
    open();
    await later;
    expect(order).toEqual(['gate', 'event']);
  });

  it('splits a schema into statements, quotes and comments included', () => {
    expect(splitStatements("CREATE TABLE a (x TEXT DEFAULT ';'); -- a; comment\nCREATE TABLE b (y INT);")).toHaveLength(
      2,
    );
  });
});

describe('the server', () => {
  it('binds every Durable Object of wrangler.toml to its class', () => {
    // The top-level bindings (dev and tests); [env.production] repeats them for the deployment.
    const toml = readFileSync('wrangler.toml', 'utf8').split(/^\[env\./m)[0] as string;
    const declared = [...toml.matchAll(/name = "([A-Z_]+)"\s*\nclass_name = "(\w+)"/g)].map(([, n, c]) => [n, c]);
    expect(Object.entries(bindings).map(([n, c]) => [n, c.name])).toEqual(declared);
  });

  it('takes the client address and place only from the trusted sources, never from the client', () => {
    const spoofed = new Request('http://127.0.0.1:8000/api/health?x=1', {
      headers: { 'CF-Connecting-IP': '203.0.113.9', 'X-Place': 'country=FR', 'X-Client-IP': '198.51.100.7, 10.0.0.1' },
    });
    const publicOrigin = new URL('https://verify.bank.example');
    const direct = forwardedRequest(spoofed, '192.0.2.1', {}, publicOrigin);
    expect(direct.url).toBe('https://verify.bank.example/api/health?x=1');
    expect(direct.headers.get('CF-Connecting-IP')).toBe('192.0.2.1');
    expect((direct as { cf?: unknown }).cf).toEqual({});
    const proxied = forwardedRequest(
      spoofed,
      '10.0.0.1',
      { clientIpHeader: 'X-Client-IP', placeHeader: 'X-Place' },
      publicOrigin,
    );
    expect(proxied.headers.get('CF-Connecting-IP')).toBe('198.51.100.7');
    expect((proxied as { cf?: unknown }).cf).toEqual({ country: 'FR' });
    expect(proxied.headers.has('X-Place')).toBe(false);
    // The proxy said nothing: the address is unknown, not what the client claimed.
    const bare = new Request('http://127.0.0.1:8000/', { headers: { 'CF-Connecting-IP': '203.0.113.9' } });
    expect(
      forwardedRequest(bare, '10.0.0.1', { clientIpHeader: 'X-Client-IP' }, publicOrigin).headers.has(
        'CF-Connecting-IP',
      ),
    ).toBe(false);
  });

  it('reads the place from the trusted proxy header in the dev header format', () => {
    expect(placeFrom('country=FR; city=Paris; lat=48.86; lon=2.35; asn=3215')).toEqual({
      country: 'FR',
      city: 'Paris',
      latitude: '48.86',
      longitude: '2.35',
      asn: '3215',
    });
    expect(placeFrom(null)).toEqual({});
  });

  it('serves the PWA with the _headers rules, and index.html for an unknown path', async () => {
    const page = await fetch(`${base}/agent/some/deep/link`);
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    if (readFileSync('dist/web/index.html', 'utf8').length > 0 && readFileSync('dist/web/_headers', 'utf8')) {
      expect(page.headers.get('X-Frame-Options')).toBe('DENY');
      expect(page.headers.get('Content-Security-Policy')).toContain("default-src 'none'");
    }
    await page.body?.cancel();
    expect((await fetch(`${base}/_headers`)).headers.get('Content-Type')).toBe('text/html; charset=utf-8');
  });

  it('refuses P-256 points off the curve, as workerd does', async () => {
    const off = new Uint8Array(65);
    off[0] = 4;
    expect(onP256(off)).toBe(false);
    await expect(
      crypto.subtle.importKey('raw', off, { name: 'ECDH', namedCurve: 'P-256' }, false, []),
    ).rejects.toThrow();
  });
});

describe('the same product as on workerd', () => {
  it('asks for the same passkey algorithms as workerd, though Deno could verify ML-DSA', async () => {
    const answer = await fetch(`${base}/api/registration/options`, {
      method: 'POST',
      headers: { Origin: String(server.env.ORIGIN), 'Content-Type': 'application/json' },
      body: JSON.stringify({ handle: 'same.algs', displayName: 'Sam Algs' }),
    });
    const { options } = (await answer.json()) as { options: { pubKeyCredParams: { alg: number }[] } };
    // workerd's Web Crypto has no ML-DSA, so there the library offers EdDSA, ES256, RS256.
    expect(options.pubKeyCredParams.map((p) => p.alg)).toEqual([-8, -7, -257]);
  });
});

describe('a production start', () => {
  const settings = runtimeSettings({ DATA_DIR: '/var/lib/countersign' }, {});
  const good = {
    ORIGIN: 'https://verify.bank.example',
    RP_ID: 'bank.example',
    CODE_HMAC_SECRET: 'x'.repeat(32),
    DELIVERY: 'twilio',
  };

  it('starts with every setting from the environment', () => {
    expect(productionProblems(good, settings)).toEqual([]);
  });

  it('refuses dev-only settings on a public origin', () => {
    expect(productionProblems({ ...good, DELIVERY: 'outbox' }, settings)).toEqual([expect.stringMatching(/outbox/)]);
    expect(productionProblems({ ...good, RECOVERY_WAIT_HOURS: '0' }, settings)).toEqual([
      expect.stringMatching(/RECOVERY_WAIT_HOURS/),
    ]);
    expect(productionProblems({ ...good, ORIGIN: 'http://verify.bank.example' }, settings)).toEqual([
      expect.stringMatching(/https/),
    ]);
    expect(productionProblems({ ...good, CODE_HMAC_SECRET: 'short' }, settings)).toHaveLength(1);
    expect(productionProblems(good, runtimeSettings({}, {}))).toEqual([expect.stringMatching(/DATA_DIR/)]);
  });

  it('allows the dev outbox on a localhost origin', () => {
    expect(
      productionProblems(
        { ...good, ORIGIN: 'http://localhost:8787', RP_ID: 'localhost', DELIVERY: 'outbox' },
        settings,
      ),
    ).toEqual([]);
  });
});
