/** Each test gets its own server (wrangler dev with its own storage) and browser, stopped after it. */
import type { Browser } from 'playwright-core';
import { afterEach, beforeEach } from 'vitest';
import { launch } from './browser.ts';
import { type AppServer, startApp } from './server.ts';

/** Starts them in `start(vars)`, called by the test itself (when it needs its own settings). */
export function appPerTest() {
  let app: AppServer | undefined;
  let browser: Browser | undefined;
  afterEach(async () => {
    await browser?.close();
    await app?.stop();
    browser = undefined;
    app = undefined;
  });
  return async (vars: Record<string, string> = {}) => {
    app = await startApp(vars);
    browser = await launch();
    return { origin: app.origin, browser };
  };
}

/** Starts them before each test: `t.app.origin`, `t.browser`. */
export function appAndBrowserPerTest() {
  const t = {} as { app: AppServer; browser: Browser };
  beforeEach(async () => {
    t.app = await startApp();
    t.browser = await launch();
  });
  afterEach(async () => {
    await t.browser?.close();
    await t.app?.stop();
  });
  return t;
}
