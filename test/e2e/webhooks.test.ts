/**
 * The admin's webhooks screen (issue 12), by its labels: add an endpoint at a local receiver (with
 * the admin's passkey: refused at the sensor, nothing is added), see its secret once, a ceremony's
 * status arrives signed with it, the delivery is listed, delete it (with the passkey again).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Request } from 'playwright-core';
import { afterEach, expect, it } from 'vitest';
import { verifyWebhook } from '../../shared/webhook-signature.ts';
import { axeViolations } from './browser.ts';
import { appAndBrowserPerTest } from './fixture.ts';
import { setUpAdmin } from './people.ts';

const t = appAndBrowserPerTest();

/** A receiver on localhost that keeps what it gets and answers 200. */
function startReceiver() {
  const got: { signature: string; body: string }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      got.push({ signature: String(req.headers['countersign-signature']), body: Buffer.concat(chunks).toString() });
      res.writeHead(200).end('ok');
    });
  });
  return new Promise<{ url: string; got: typeof got; stop: () => void }>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://localhost:${(server.address() as AddressInfo).port}/countersign`,
        got,
        stop: () => server.close(),
      }),
    ),
  );
}

let stopReceiver = () => {};
afterEach(() => stopReceiver());

it('lets an admin add a webhook endpoint, shows its secret once, delivers signed, and deletes it', async () => {
  const receiver = await startReceiver();
  stopReceiver = receiver.stop;
  const admin = await setUpAdmin(t.browser, t.app.origin);
  const page = admin.page;
  await page.getByRole('heading', { name: 'Add a webhook endpoint' }).waitFor();

  // Bad input is told at its field.
  await page.getByLabel('Endpoint URL').fill('http://hooks.bank.example/countersign');
  await page.getByRole('button', { name: 'Add endpoint' }).click();
  await page.getByText(/Use an https URL/).waitFor();
  expect(await axeViolations(page)).toEqual([]);

  // Adding asks for the admin's passkey: refused at the fingerprint sensor, nothing is added.
  const add = page.getByRole('region', { name: 'Add a webhook endpoint' });
  await add.getByText('Adding one asks for your passkey first.', { exact: false }).waitFor();
  await page.getByLabel('Endpoint URL').fill(receiver.url);
  await page.getByLabel(/^Calls/).uncheck();
  await admin.setUserVerified(false);
  const askedPasskey = (r: Request) =>
    r.method() === 'POST' &&
    r.url().endsWith('/api/admin/assertion/options') &&
    r.postData() === '{"purpose":"webhook"}';
  const firstAsk = page.waitForRequest(askedPasskey);
  await page.getByRole('button', { name: 'Add endpoint' }).click();
  await firstAsk;
  await add.getByRole('alert').getByText('The passkey request was cancelled or timed out.', { exact: false }).waitFor();
  const none = await page.evaluate(async () => (await (await fetch('/api/admin/webhooks')).json()).endpoints);
  expect(none).toEqual([]);
  await admin.setUserVerified(true);

  const secondAsk = page.waitForRequest(askedPasskey);
  await page.getByRole('button', { name: 'Add endpoint' }).click();
  await secondAsk;
  const secretCell = page.locator('#webhook-secret');
  await secretCell.waitFor();
  const secret = ((await secretCell.textContent()) ?? '').trim();
  expect(secret).toMatch(/^whsec_/);
  const list = page.getByRole('region', { name: 'Webhook endpoints' });
  await list.getByText(receiver.url, { exact: true }).waitFor();
  await list.getByText(/^Verifications, Recoveries · added/).waitFor();
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'I have copied it: hide the secret' }).click();
  expect(await page.getByText(secret).count()).toBe(0);

  // A recovery starts (for a name that is nobody's): its first status reaches the receiver, signed.
  const started = await fetch(`${t.app.origin}/api/recovery`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: t.app.origin },
    body: JSON.stringify({ identifier: 'nobody.here' }),
  });
  expect(started.status).toBe(201);
  // Its first code is a verification too: that event comes as well (Verifications are subscribed).
  const recoveryEvent = () => receiver.got.find((d) => d.body.includes('"recovery.status_changed"'));
  const deadline = Date.now() + 20_000;
  while (!recoveryEvent() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const delivery = recoveryEvent();
  expect(JSON.parse(delivery?.body ?? '{}')).toMatchObject({
    type: 'recovery.status_changed',
    data: { status: 'first_factor', account_id: null },
  });
  expect(await verifyWebhook(secret, delivery?.signature ?? null, delivery?.body ?? '')).toBe(true);

  const deliveries = page.getByRole('region', { name: 'Recent webhook deliveries' });
  await deliveries.getByRole('button', { name: 'Refresh deliveries' }).click();
  await deliveries.getByText('Recoveries: first_factor').waitFor();
  await deliveries
    .getByText(/1 attempt · last answer HTTP 200/)
    .first()
    .waitFor();

  await list.getByRole('button', { name: `Delete the endpoint ${receiver.url}` }).click();
  await list.getByText('We ask for your passkey to confirm.', { exact: false }).waitFor();
  const deleteAsk = page.waitForRequest(askedPasskey);
  await list.getByRole('button', { name: 'Yes, delete it' }).click();
  await deleteAsk;
  await list.getByText(`${receiver.url} is deleted.`).waitFor();
  await list.getByText('None yet.').waitFor();
  expect(await axeViolations(page)).toEqual([]);

  // Both changes are security events of the admin.
  await page.reload();
  await page.getByText('You deleted a webhook endpoint').first().waitFor();
  await page.getByText('You added a webhook endpoint').first().waitFor();
});

it('documents the webhooks on /developers: the signature check and each event type with its body', async () => {
  const page = await (await t.browser.newContext({ baseURL: t.app.origin })).newPage();
  page.setDefaultTimeout(15_000);
  await page.goto('/developers');
  const section = page.getByRole('region', { name: 'Webhooks', exact: true });
  await section.getByRole('heading', { name: 'Checking a delivery' }).waitFor();
  await section.getByText(/more than 5 minutes from your clock/).waitFor();
  for (const [summary, type, field] of [
    ['A one-time code verification changed status', 'verification.status_changed', 'data.verification_id'],
    ['A two-way call verification changed status', 'call.status_changed', 'data.call_id'],
    ['A trusted-contact recovery changed status', 'recovery.status_changed', 'data.recovery_id'],
  ] as const) {
    const event = section.getByRole('region', { name: summary });
    const body = event.getByRole('table', { name: `Body of ${type}` });
    for (const name of ['id', 'type', 'created_at', field, 'data.status']) {
      await body.getByRole('rowheader', { name, exact: true }).waitFor();
    }
  }
  await page.getByRole('navigation', { name: 'Operations' }).getByRole('link', { name: 'Webhooks' }).waitFor();
  expect(await axeViolations(page)).toEqual([]);
});
