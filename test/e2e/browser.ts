/** Debian's Chromium driven by playwright-core, with a virtual authenticator standing in for the fingerprint. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, type BrowserContext, type CDPSession, chromium, type Page } from 'playwright-core';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
}

export interface Person {
  context: BrowserContext;
  page: Page;
  cdp: CDPSession;
  authenticatorId: string;
  /** What the fingerprint sensor answers from now on. */
  setUserVerified(verified: boolean): Promise<void>;
}

/** A new person: their own browser context and their own platform authenticator. */
export async function newPerson(browser: Browser, origin: string, options: { locale?: string } = {}): Promise<Person> {
  const context = await browser.newContext({ baseURL: origin, ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return {
    context,
    page,
    cdp,
    authenticatorId,
    setUserVerified: async (isUserVerified) => {
      await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified });
    },
  };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe on the page as it is now; returns the violations, each with its rule and the nodes. */
export async function axeViolations(page: Page): Promise<string[]> {
  // page.evaluate runs through the DevTools protocol, which the page's CSP does not restrict.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run(): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe;
    const result = await axe.run();
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  return violations;
}

/**
 * Registers through the welcome screen. A customer then meets the first steps (check the phone,
 * call alerts): left for later unless `firstSteps` is 'stay' (the caller goes on from there), or
 * 'refused' when the registration itself is expected to fail.
 */
export async function registerThroughUi(
  page: Page,
  who: { handle: string; name: string; phone?: string; invite?: string },
  firstSteps: 'skip' | 'stay' | 'refused' = 'skip',
) {
  await page.goto('/');
  await page.getByLabel('Handle').fill(who.handle);
  await page.getByLabel('Your name').fill(who.name);
  if (who.phone) await page.getByLabel('Mobile number (optional)').fill(who.phone);
  if (who.invite) {
    await page.getByText('Bank staff: I have an invite code').click();
    await page.getByLabel('Invite code').fill(who.invite);
  }
  await page.getByRole('button', { name: 'Create account with a passkey' }).click();
  if (who.invite || firstSteps !== 'skip') return;
  await page.getByRole('heading', { name: `Welcome, ${who.name}` }).waitFor();
  if (who.phone) await page.getByRole('button', { name: 'Later: I will do it under Security' }).click();
  await page.getByRole('button', { name: 'Continue to the app' }).click();
}

/** Opens a section of the customer's app (Home, Payments, Security) by its tab in the "Sections" navigation. */
export async function openTab(page: Page, name: 'Home' | 'Payments' | 'Security'): Promise<void> {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name }).click();
  await page.locator(`nav.tabs a[aria-current="page"]`).filter({ hasText: name }).waitFor();
}
