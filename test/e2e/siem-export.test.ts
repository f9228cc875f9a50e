/**
 * The SIEM export in the browser and over HTTP (issue 12): an admin issues a key with only the
 * "Security events" scope in the app; that key reads the admin's own sign-up from
 * `/api/v1/security-events` as JSON lines, and nothing else.
 */
import { expect, it } from 'vitest';
import { axeViolations } from './browser.ts';
import { appPerTest } from './fixture.ts';
import { setUpAdmin, snap, statusText } from './people.ts';

const start = appPerTest();

/** Reads the export until `found` holds (the Account's alarm delivers within moments), at most 15 s. */
async function exportUntil(origin: string, key: string, found: (lines: Record<string, unknown>[]) => boolean) {
  const until = Date.now() + 15_000;
  for (;;) {
    const response = await fetch(`${origin}/api/v1/security-events?limit=500`, {
      headers: { authorization: `Bearer ${key}` },
      signal: AbortSignal.timeout(10_000),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    expect(response.headers.get('countersign-next-cursor')).toMatch(/^[A-Za-z0-9_-]+$/);
    const lines = (await response.text())
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    if (found(lines)) return lines;
    if (Date.now() > until) throw new Error(`the export never showed it: ${JSON.stringify(lines)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

it('lets an admin issue a security-events key that reads the export and nothing else', async () => {
  const { origin, browser } = await start();
  const admin = await setUpAdmin(browser, origin);
  const page = admin.page;
  await page.getByRole('heading', { name: 'Issue an API key' }).waitFor();
  await page.getByLabel('Name of the system').fill('Bank SIEM');
  await page.getByRole('checkbox', { name: /^Verifications — Send/ }).uncheck();
  await page.getByRole('checkbox', { name: /^Security events/ }).check();
  for (const [width, height] of [
    [390, 844],
    [1280, 800],
  ] as const) {
    await page.setViewportSize({ width, height });
    await snap(page, `admin-api-key-audit-${width}`);
  }
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Issue API key' }).click();
  await statusText(page, 'Copy it now: it will not be shown again.').waitFor();
  const key = ((await page.locator('dd', { hasText: /^csk_[0-9a-f]{16}_/ }).textContent()) ?? '').trim();
  await page
    .getByRole('listitem')
    .filter({ hasText: 'Bank SIEM' })
    .filter({ hasText: /Security events · issued/ })
    .waitFor();

  const lines = await exportUntil(origin, key, (l) => l.some((e) => e.type === 'account_created'));
  const created = lines.find((e) => e.type === 'account_created');
  expect(created).toMatchObject({ handle: 'ada.admin', requestId: expect.stringMatching(/^req_[0-9a-f]{32}$/) });

  const elsewhere = await fetch(`${origin}/api/v1/verifications`, { headers: { authorization: `Bearer ${key}` } });
  expect(elsewhere.status).toBe(403);
}, 120_000);
