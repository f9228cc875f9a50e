/**
 * The customer's screens by task: Home, Payments and Security are tabs in a "Sections" navigation,
 * each in the URL (the back button returns to the one before), each opening at its top with its
 * heading focused, axe-clean; back online after being offline, the screen reloads by itself.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { axeViolations, newPerson, openTab, registerThroughUi } from './browser.ts';
import { appAndBrowserPerTest } from './fixture.ts';

const t = appAndBrowserPerTest();

/** A screenshot of the viewport (not the full page) when E2E_SCREENSHOTS names a folder. */
async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.E2E_SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png` });
}

it('moves between Home, Payments and Security by tab and by the back button, each opening at its top', async () => {
  const jo = await newPerson(t.browser, t.app.origin);
  const { page } = jo;
  await page.setViewportSize({ width: 390, height: 844 });
  await registerThroughUi(page, { handle: 'jo.bloggs', name: 'Jo Bloggs', phone: '+44 7911 123456' });
  await page.getByRole('heading', { level: 1, name: 'Hello, Jo Bloggs' }).waitFor();
  const nav = page.getByRole('navigation', { name: 'Sections' });
  expect(await nav.getByRole('link', { name: 'Home' }).getAttribute('aria-current')).toBe('page');
  await page.getByRole('region', { name: 'Is the bank calling me now?' }).waitFor();
  expect(await axeViolations(page)).toEqual([]);
  await shot(page, 'home-390');

  const screens = [
    { tab: 'Payments', path: '/payments', shows: 'Approve a payment' },
    { tab: 'Security', path: '/security', shows: 'Your passkeys' },
  ] as const;
  for (const screen of screens) {
    await page.evaluate(() => scrollTo(0, document.body.scrollHeight));
    await openTab(page, screen.tab);
    await page.getByRole('heading', { level: 2, name: screen.shows }).waitFor();
    expect(new URL(page.url()).pathname).toBe(screen.path);
    expect(await nav.getByRole('link', { name: screen.tab }).getAttribute('aria-current')).toBe('page');
    expect(await page.evaluate(() => scrollY)).toBe(0);
    // The heading has focus (for screen readers) but no ring: it is not a control.
    const focused = await page.evaluate(() => ({
      text: document.activeElement?.textContent,
      outline: getComputedStyle(document.activeElement as Element).outlineStyle,
    }));
    expect(focused).toEqual({ text: screen.tab, outline: 'none' });
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, `${screen.tab.toLowerCase()}-390`);
  }

  // Keyboard focus on a control keeps its ring.
  await page.keyboard.press('Tab');
  const ring = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
  expect(ring).toBe('solid');

  await page.goBack();
  await page.getByRole('heading', { level: 1, name: 'Payments' }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/payments');
  await page.goBack();
  await page.getByRole('heading', { level: 1, name: 'Hello, Jo Bloggs' }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/');

  // A screen opened by its address, as after a reload.
  await page.setViewportSize({ width: 1280, height: 800 });
  await shot(page, 'home-1280');
  await page.goto('/security');
  await page.getByRole('heading', { level: 1, name: 'Security' }).waitFor();
  expect(await nav.getByRole('link', { name: 'Security' }).getAttribute('aria-current')).toBe('page');
});

it('reloads the screen by itself when the device is back online', async () => {
  const jo = await newPerson(t.browser, t.app.origin);
  const { page } = jo;
  await registerThroughUi(page, { handle: 'on.line', name: 'Olly Online' });
  await page.getByRole('heading', { level: 1, name: 'Hello, Olly Online' }).waitFor();
  await openTab(page, 'Security');
  await page.getByRole('heading', { level: 2, name: 'Your passkeys' }).waitFor();
  let reads = 0;
  await page.route('**/api/me/audit*', async (route) => {
    reads++;
    await route.continue();
  });
  await jo.context.setOffline(true);
  await page.getByText('You are offline.', { exact: false }).waitFor();
  await jo.context.setOffline(false);
  await expect.poll(() => reads).toBeGreaterThan(0);
  await page.getByText('Account created').waitFor();
});
