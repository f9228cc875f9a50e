import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { axeViolations, chromiumArgs, launch } from './browser.ts';
import { type AppServer, startApp } from './server.ts';

let app: AppServer;

beforeEach(async () => {
  app = await startApp();
});
afterEach(async () => {
  await app?.stop();
});

it('is installable: Chromium reports no installability errors', async () => {
  const profile = mkdtempSync(join(tmpdir(), 'countersign-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: chromiumArgs,
    baseURL: app.origin,
  });
  try {
    const page = await context.newPage();
    await page.goto('/');
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
    const manifest = await (await page.request.get('/manifest.webmanifest')).json();
    expect(manifest.icons.map((i: { sizes: string; purpose: string }) => `${i.sizes} ${i.purpose}`)).toEqual([
      '192x192 any',
      '512x512 any',
      '512x512 maskable',
    ]);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

it('loads the shell offline and says so, instead of a broken screen', async () => {
  const browser = await launch();
  try {
    const context = await browser.newContext({ baseURL: app.origin });
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('heading', { name: 'Welcome to Countersign' }).waitFor();
    // Wait until the service worker controls the page, so the shell is precached.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve));
      }
    });
    await context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { name: 'Cannot reach Countersign' }).waitFor();
    await page.getByText('You are offline. What you see may be out of date').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // Back online, the app recovers by itself.
    await context.setOffline(false);
    await page.getByRole('heading', { name: 'Welcome to Countersign' }).waitFor();
  } finally {
    await browser.close();
  }
});

it('serves the PWA with a strict content security policy and security headers', async () => {
  const res = await fetch(`${app.origin}/`);
  const csp = res.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).toContain("frame-ancestors 'none'");
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  // A deep link falls back to the app shell (single-page application).
  const deep = await fetch(`${app.origin}/some/screen`);
  expect(deep.status).toBe(200);
  expect(await deep.text()).toContain('<div id="app">');
});
