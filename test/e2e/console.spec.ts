import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { OWNER, openPage, seedDesk, signIn, signOut } from './helpers';
import { untranslatedText } from './untranslated';

/**
 * The supervisor console's promises (DESIGN.md §5) through the real console: nothing lost on leaving a
 * form, nothing stale under an error, each user on their own home page, any number one search away,
 * the owner's overview, and every page in English and Persian passing an accessibility audit.
 */
test.describe.configure({ mode: 'serial' });

const VIEWER = { username: 'vic', password: 'vic-password-1' };

test('unsaved hours ask before the page is left; staying keeps them, leaving drops them', async ({ page, served }) => {
  await seedDesk(served, [
    { slug: 'acme', name: 'Acme', timezone: 'Europe/Berlin', currency: 'EUR', costPerBillable: 25, balance: 1000 },
    { slug: 'globex', name: 'Globex', timezone: 'Asia/Tehran', currency: 'USD', costPerBillable: 10, balance: 0 },
  ]);
  await served.cli([
    'user',
    'create',
    '--username',
    VIEWER.username,
    '--role',
    'viewer',
    '--company',
    'acme',
    '--password',
    VIEWER.password,
  ]);
  await signIn(page, served.url, OWNER);
  await openPage(page, 'Schedule');
  await page.getByRole('button', { name: 'Sat–Wed 8–16', exact: true }).click();
  await expect(page.getByText('Unsaved changes')).toBeVisible();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Call log' }).click();
  const ask = page.getByRole('dialog', { name: 'Leave without saving?' });
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Stay here' }).click();
  await expect(page.getByRole('heading', { name: 'Schedule', level: 1 })).toBeVisible();
  await expect(page.getByLabel('Saturday window 1 opens')).toHaveValue('08:00');

  // the keyboard's way out asks too
  await page.locator('body').press('g');
  await page.locator('body').press('c');
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Leave this page' }).click();
  await expect(page.getByRole('heading', { name: 'Call log', level: 1 })).toBeVisible();
  await openPage(page, 'Schedule');
  await expect(page.getByText('Unsaved changes')).toHaveCount(0);
});

test('a viewer who signs in after the owner left on Users lands on their dashboard', async ({ page, served }) => {
  await signIn(page, served.url, OWNER);
  await openPage(page, 'Users');
  await signOut(page);
  await page.getByLabel('Username').fill(VIEWER.username);
  await page.getByLabel('Password').fill(VIEWER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
  await expect(page.getByText('Not available to your role')).toHaveCount(0);
  expect(page.url()).toContain('#/dashboard');
});

test('a range the server refuses shows one error and no figures, with no retry of the same request', async ({ page, served }) => {
  await signIn(page, served.url, OWNER);
  await page.goto(`${served.url}/#/dashboard?range=today`);
  await expect(page.getByText('No calls in this range')).toBeVisible();
  // a company whose dialers would get no numbers says why, not a green "dialing"
  const dialers = page.locator('.card').filter({ has: page.getByRole('heading', { name: 'Dialers' }) });
  await expect(dialers).toContainText(/Outside calling hours|No active scenario/);
  await expect(dialers).not.toContainText('Dialing');
  await page.goto(`${served.url}/#/dashboard?range=custom&from=2015-01-01&to=2025-12-31`);
  const main = page.locator('main');
  await expect(main.getByRole('alert').first()).toBeVisible();
  // one sentence, not one per card; and no figures of the last range under it
  await expect(main.getByRole('alert')).toHaveCount(1);
  await expect(main.getByRole('alert')).toContainText('at most');
  await expect(main.getByText('No calls in this range')).toHaveCount(0);
  await expect(main.getByText('Nothing to chart')).toHaveCount(0);
  await expect(main.getByRole('button', { name: 'Try again' })).toHaveCount(0);
});

test('any number is one search away from any page, typed as people write it', async ({ page, served }) => {
  await signIn(page, served.url, OWNER);
  await openPage(page, 'Billing');
  await page.locator('body').press('/');
  await expect(page.getByRole('searchbox', { name: 'Search a number' })).toBeFocused();
  // a national number with no default country says what is missing instead of finding nothing
  await page.keyboard.type('0151 2345 6710');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Number history', level: 1 })).toBeVisible();
  await expect(page.locator('main').getByRole('alert')).toContainText('default country');
  // Persian digits, international
  await page.getByLabel('Phone number').fill('+۴۹۱۵۱۲۳۴۵۶۷۱۰');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByText('Searched as +4915123456710')).toBeVisible();
  await expect(page.locator('main').getByRole('alert')).toHaveCount(0);
});

test("the owner's overview shows every company with why its dialers wait", async ({ page, served }) => {
  await signIn(page, served.url, OWNER);
  await openPage(page, 'All companies');
  const rows = page.getByRole('row');
  await expect(rows.filter({ hasText: 'Acme' })).toContainText('€10.00');
  await expect(rows.filter({ hasText: 'Globex' })).toContainText('$0.00');
  // a fresh company has no scenario: the reason is named, never a green "dialing"
  await expect(rows.filter({ hasText: 'Globex' })).not.toContainText('Dialing');
  await rows.filter({ hasText: 'Globex' }).getByRole('button', { name: 'Open Globex' }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Company' }).locator('option:checked')).toHaveText('Globex');
});

test('a desk with something on every page: a scenario, a list, a key and calls', async ({ served }) => {
  test.setTimeout(180_000);
  const file = join(served.dataDir, 'leads.csv');
  writeFileSync(file, `${Array.from({ length: 8 }, (_, i) => `+4930${5550000 + i}`).join('\n')}\n`);
  for (const args of [
    ['schedule', 'set', '--company', 'acme', '--open-24x7'],
    ['scenario', 'create', '--company', 'acme', '--key', 'welcome', '--name', 'Welcome'],
    ['numbers', 'import', file, '--list', 'leads'],
  ]) {
    const done = await served.cli(args);
    expect(done.exitCode, JSON.stringify(done)).toBe(0);
  }
  const { key } = await served.cli(['apikey', 'create', '--company', 'acme', '--name', 'Kiosk']);
  const auth = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
  const batch = (await (
    await fetch(`${served.url}/api/v1/dialer/next-batch?company=acme&size=4&dialer=sim`, { headers: auth })
  ).json()) as {
    batch_id: string;
    numbers: { phone: string }[];
  };
  expect(batch.numbers).toHaveLength(4);
  const statuses = ['CALLBACK', 'ANSWERED', 'NO_ANSWER', 'BUSY'];
  for (const [i, n] of batch.numbers.entries()) {
    const res = await fetch(`${served.url}/api/v1/dialer/report-result`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({
        company: 'acme',
        call_id: `calls-${i}`,
        phone: n.phone,
        batch_id: batch.batch_id,
        scenario: 'welcome',
        status: statuses[i],
        started_at: new Date().toISOString(),
        duration_s: 20 + i,
        ...(i === 0 && { callback_at: new Date(Date.now() + 3 * 3600_000).toISOString() }),
      }),
    });
    expect(res.status, await res.text()).toBe(201);
  }
});

/** what the tests typed in, shown as it was typed in every language */
// (the owner's initial, O, is the account button's picture)
// (and the note `company create --balance` writes into the ledger, stored as written)
const SEEDED = ['Acme', 'Globex', 'owner', 'O', 'vic', 'Welcome', 'calls', 'Kiosk', 'leads.csv', 'leads', 'sim', 'opening balance'];

const PAGES = [
  'overview',
  'dashboard',
  'calls',
  'numbers',
  'callbacks',
  'do-not-call',
  'dialing-rules',
  'scenarios',
  'lines',
  'agents',
  'schedule',
  'inbound',
  'ai-agents',
  'billing',
  'api-keys',
  'users',
  'settings',
  'backups',
  'audit',
  'companies',
  'new-company',
  'search?phone=%2B4915123456710',
];

async function audit(page: Page, name: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${name}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function settle(page: Page) {
  await expect(page.locator('main h1')).toBeVisible();
  await expect(page.locator('main .loading')).toHaveCount(0);
}

for (const language of ['en', 'fa'] as const) {
  test(`every page passes the accessibility audit in ${language === 'en' ? 'English' : 'Persian'}, and is pictured`, async ({
    page,
    served,
    shot,
  }) => {
    test.setTimeout(240_000);
    await page.goto(served.url);
    await page.evaluate(
      (l) =>
        (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem('dialdesk.language', l),
      language,
    );
    await page.reload();
    const problems: string[] = [];
    await expect(page.locator('html')).toHaveAttribute('dir', language === 'fa' ? 'rtl' : 'ltr');
    problems.push(...(await audit(page, 'sign-in')));
    if (language === 'fa') problems.push(...(await untranslatedText(page, 'sign-in', SEEDED)));
    await shot(`${language}-sign-in`);
    await page.locator('#root input').first().fill(OWNER.username);
    await page.locator('input[type=password]').fill(OWNER.password);
    await page.locator('button[type=submit]').click();
    await expect(page.getByRole('navigation').first()).toBeVisible();
    for (const path of PAGES) {
      await page.goto(`${served.url}/#/${path}`);
      await settle(page);
      const name = path.split('?')[0];
      problems.push(...(await audit(page, name)));
      // nothing pushes the window sideways (in right-to-left an off-screen link did)
      const overflow = await page.evaluate(() => {
        const d = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document;
        return d.documentElement.scrollWidth - d.documentElement.clientWidth;
      });
      if (overflow > 0) problems.push(`${name}: ${overflow}px wider than the window`);
      if (language === 'fa') problems.push(...(await untranslatedText(page, name, SEEDED)));
      await shot(`${language}-${name}`);
    }
    // one call's detail as the call log opens it: a charged call, so its money shows too
    await page.goto(`${served.url}/#/calls`);
    await settle(page);
    await page
      .locator('main table tbody tr')
      .filter({ hasNot: page.locator('td.num .muted') })
      .first()
      .getByRole('button')
      .click();
    await expect(page.getByRole('dialog').locator('.call-detail')).toBeVisible();
    await expect(page.getByRole('dialog').locator('.plain-list li')).not.toHaveCount(0);
    problems.push(...(await audit(page, 'call-detail')));
    if (language === 'fa') problems.push(...(await untranslatedText(page, 'call-detail', SEEDED)));
    await shot(`${language}-call-detail`);
    expect(problems).toEqual([]);
  });
}
