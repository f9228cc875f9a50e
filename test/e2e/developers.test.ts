/** The developers page: the integrator API as the OpenAPI document describes it, without signing in. */
import { expect, it } from 'vitest';
import { axeViolations } from './browser.ts';
import { appAndBrowserPerTest } from './fixture.ts';

const t = appAndBrowserPerTest();

it('shows every verifications operation from /api/openapi.json, with a curl start, to anyone', async () => {
  const document = await (await fetch(`${t.app.origin}/api/openapi.json`)).json();
  expect(document.openapi).toBe('3.1.0');

  const page = await (await t.browser.newContext({ baseURL: t.app.origin })).newPage();
  page.setDefaultTimeout(15_000);
  await page.goto('/developers');
  await page.getByRole('heading', { level: 1, name: 'Integrator API' }).waitFor();
  await page.getByRole('heading', { name: 'Getting started' }).waitFor();
  for (const [method, path] of [
    ['POST', '/api/v1/verifications'],
    ['GET', '/api/v1/verifications/{id}'],
    ['POST', '/api/v1/verifications/{id}/check'],
    ['POST', '/api/v1/verifications/{id}/resend'],
    ['POST', '/api/v1/verifications/{id}/cancel'],
    ['GET', '/api/v1/accounts/{handle}'],
    ['GET', '/api/v1/security-events'],
    ['PUT', '/api/v1/customers/{handle}/reference'],
  ] as const) {
    const operation = document.paths[path][method.toLowerCase()];
    const section = page.getByRole('region', { name: operation.summary });
    await section.getByText(`${method} ${path}`, { exact: true }).waitFor();
  }

  // The start operation: its fields with their choices, and its error codes.
  const start = page.getByRole('region', { name: 'Start a verification: send a one-time code' });
  const body = start.getByRole('table', { name: 'Request body (JSON)' });
  for (const field of ['account', 'to', 'channel', 'purpose', 'transaction', 'transaction.payee.name']) {
    await body.getByRole('rowheader', { name: field, exact: true }).waitFor();
  }
  await body.getByText('enrol_phone', { exact: true }).waitFor();
  const responses = start.getByRole('table', { name: 'Responses' });
  await responses.getByRole('rowheader', { name: '201' }).waitFor();
  await responses.getByText('rate_limited', { exact: true }).waitFor();
  await start.getByText(/API key \(Authorization: Bearer\) with the scope verifications/).waitFor();

  await page.getByText(`curl -X POST ${t.app.origin}/api/v1/verifications \\`).first().waitFor();
  // The SIEM export: JSON lines of SecurityEvent, with its cursor header.
  const siem = page.getByRole('region', { name: "Every account's security events, for the bank's SIEM" });
  await siem.getByText('API key (Authorization: Bearer) with the scope audit', { exact: false }).waitFor();
  await siem.getByRole('table', { name: 'Responses' }).getByRole('link', { name: 'SecurityEvent' }).waitFor();
  await siem.getByText('Countersign-Next-Cursor', { exact: true }).first().waitFor();
  await page.getByText(`curl -D - "${t.app.origin}/api/v1/security-events?cursor=$CURSOR" \\`).waitFor();
  expect(await page.getByRole('button', { name: /sign in/i }).count()).toBe(0);
  expect(await axeViolations(page)).toEqual([]);
});
