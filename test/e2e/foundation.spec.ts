import { test, expect } from './fixtures';

// One desk for the whole file: the first test sets it up, the next ones build on it.
test.describe.configure({ mode: 'serial' });

const OWNER = { username: 'owner', password: 'correct-horse-1' };

test('first run: create the site owner, sign in, create two companies, switch, sign out', async ({ page, served, shot }) => {
  await page.goto(served.url);
  await expect(page.getByRole('heading', { name: 'Welcome to DialDesk' })).toBeVisible();
  await shot('first-run');

  // a mismatch is caught before anything is sent
  await page.getByLabel('Site owner username').fill(OWNER.username);
  await page.getByLabel('Password', { exact: true }).fill(OWNER.password);
  await page.getByLabel('Password again').fill('something-else');
  await page.getByRole('button', { name: 'Create site owner' }).click();
  await expect(page.getByText('The two passwords are not the same.')).toBeVisible();

  await page.getByLabel('Password again').fill(OWNER.password);
  await page.getByLabel('Password again').press('Enter');
  // no company yet: the shell says so and offers to create one
  await expect(page.getByRole('heading', { name: 'No companies yet' })).toBeVisible();

  // sign out and back in through the sign-in screen
  await signOut(page);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.getByLabel('Username').fill(OWNER.username);
  await page.getByLabel('Password').fill('wrong-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await shot('sign-in-error');
  await page.getByLabel('Password').fill(OWNER.password);
  await page.getByLabel('Password').press('Enter');

  await page.goto(`${served.url}/#/companies`);
  await expect(page.getByRole('heading', { name: 'Companies', level: 1 })).toBeVisible();
  await shot('companies-empty');

  await createCompany(page, { name: 'Acme Telecom', slug: 'acme', timezone: 'Europe/Berlin', currency: 'EUR', perCall: '0.25' });
  // a taken slug is refused on its own field, in words (no "slug:" prefix), and nothing is added
  await page.getByRole('button', { name: 'Quick add' }).click();
  await page.getByLabel('Name').fill('Acme again');
  await page.getByLabel('Slug').fill('acme');
  await page.getByRole('button', { name: 'Create company' }).click();
  await expect(page.getByLabel('Slug')).toHaveAccessibleDescription('The slug “acme” is already taken on this desk.');
  await expect(page.getByLabel('Slug')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('dialog').getByText(/slug:/i)).toHaveCount(0);
  // what was typed is not thrown away in silence: Escape asks first
  await page.keyboard.press('Escape');
  await expect(page.getByText('Discard your changes?').first()).toBeVisible();
  await page.getByRole('button', { name: 'Discard changes' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await createCompany(page, { name: 'Globex', slug: 'globex', timezone: 'Asia/Tehran', currency: 'USD', perCall: '1.50' });
  const rows = page.getByRole('row');
  await expect(rows.filter({ hasText: 'Acme Telecom' })).toContainText('€0.25 / billable call');
  await expect(rows.filter({ hasText: 'Globex' })).toContainText('$1.50 / billable call');
  await shot('companies');

  // edit: rename and change the price
  await page.getByRole('button', { name: 'Edit Globex' }).click();
  await page.getByLabel('Name').fill('Globex Corp');
  await page.getByLabel('Cost per billable call (USD)').fill('2');
  await page.getByLabel('Cost per billable call (USD)').press('Enter');
  await expect(rows.filter({ hasText: 'Globex Corp' })).toContainText('$2.00 / billable call');

  // a field the form no longer shows never blocks a save: USD with 0.75 per minute, then IRR per call
  await page.getByRole('button', { name: 'Edit Globex Corp' }).click();
  await page.getByLabel('Billing').selectOption('per_minute');
  await page.getByLabel('Cost per minute (USD)').fill('0.75');
  await page.getByLabel('Cost per minute (USD)').press('Enter');
  await expect(rows.filter({ hasText: 'Globex Corp' })).toContainText('$0.75 / minute');
  await page.getByRole('button', { name: 'Edit Globex Corp' }).click();
  await page.getByLabel('Currency').selectOption('IRR');
  await page.getByLabel('Billing').selectOption('per_call');
  await page.getByLabel('Cost per billable call (IRR)').fill('5000');
  await page.getByLabel('Cost per billable call (IRR)').press('Enter');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(rows.filter({ hasText: 'Globex Corp' })).toContainText('5,000 / billable call');
  // and back, so the rest of this story reads in dollars
  await page.getByRole('button', { name: 'Edit Globex Corp' }).click();
  await page.getByLabel('Currency').selectOption('USD');
  await page.getByLabel('Cost per billable call (USD)').fill('2');
  await page.getByLabel('Cost per billable call (USD)').press('Enter');
  await expect(rows.filter({ hasText: 'Globex Corp' })).toContainText('$2.00 / billable call');

  // the switcher moves the whole console to the other company
  const switcher = page.getByRole('combobox', { name: 'Company' });
  await switcher.selectOption({ label: 'Acme Telecom' });
  await expect(rows.filter({ hasText: 'Acme Telecom' })).toContainText('current');
  await switcher.selectOption({ label: 'Globex Corp' });
  await expect(rows.filter({ hasText: 'Globex Corp' })).toContainText('current');
  // the choice survives a reload
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Company' })).toHaveValue(/\d+/);
  await expect(page.getByRole('combobox', { name: 'Company' }).locator('option:checked')).toHaveText('Globex Corp');

  // deactivate asks first, then marks the row
  await page.getByRole('button', { name: 'Deactivate Globex Corp' }).click();
  await expect(page.getByRole('dialog')).toContainText('Dialers get no more numbers');
  await shot('companies-deactivate-confirm');
  await page.getByRole('dialog').getByRole('button', { name: 'Deactivate' }).click();
  await expect(rows.filter({ hasText: 'Globex Corp' })).toContainText('Inactive');
  await page.getByRole('button', { name: 'Activate Globex Corp' }).click();
  await expect(rows.filter({ hasText: 'Globex Corp' })).toContainText('Active');

  await signOut(page);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  // signed out for real: a reload stays on sign-in
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});

test('users: the site owner adds an admin, who sees only their company', async ({ page, served, shot }) => {
  await signIn(page, served.url, OWNER);
  await page.goto(`${served.url}/#/users`);
  await page.getByRole('combobox', { name: 'Company' }).selectOption({ label: 'Acme Telecom' });
  await page.getByRole('button', { name: 'New user' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Username').fill('anna');
  await dialog.getByLabel('Password').fill('anna-password');
  await dialog.getByLabel('Role').selectOption({ label: 'Admin' });
  await expect(dialog.getByLabel('Company')).toHaveValue(/\d+/);
  await dialog.getByRole('button', { name: 'Create user' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'anna' })).toContainText('Admin');
  await shot('users');
  await signOut(page);

  await signIn(page, served.url, { username: 'anna', password: 'anna-password' });
  // an admin has no switcher: their company is named in the top bar
  await expect(page.getByRole('combobox', { name: 'Company' })).toHaveCount(0);
  await expect(page.locator('.topbar')).toContainText('Acme Telecom');
  await page.goto(`${served.url}/#/companies`);
  await expect(page.getByRole('row').filter({ hasText: 'Globex' })).toHaveCount(0);
  await expect(page.getByRole('row').filter({ hasText: 'Acme Telecom' })).toHaveCount(1);
  await signOut(page);
});

test('a viewer sees companies but cannot create one', async ({ page, served, shot }) => {
  const made = await served.cli([
    'user',
    'create',
    '--username',
    'vera',
    '--role',
    'viewer',
    '--company',
    'acme',
    '--password',
    'vera-password',
  ]);
  expect(made.exitCode).toBe(0);
  await signIn(page, served.url, { username: 'vera', password: 'vera-password' });
  await page.goto(`${served.url}/#/companies`);
  await expect(page.getByRole('row').filter({ hasText: 'Acme Telecom' })).toBeVisible();
  await expect(page.getByRole('button', { name: /new company|quick add|import|create/i })).toHaveCount(0);
  await expect(page.getByText('Only the site owner can create, change or deactivate companies.')).toBeVisible();
  // no Users page for a viewer, and typing its address says so
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' })).toHaveCount(0);
  await page.goto(`${served.url}/#/users`);
  await expect(page.getByRole('heading', { name: 'Not available to your role' })).toBeVisible();
  // settings are shown, read-only
  await page.goto(`${served.url}/#/settings`);
  await expect(page.getByText('Only the site owner can change these settings.')).toBeVisible();
  await expect(page.getByLabel('Cooldown (days)')).toBeDisabled();
  await shot('settings-viewer');
  await page.goto(`${served.url}/#/companies`);
  await shot('companies-viewer');
});

test('a deactivated user is sent back to sign-in on their next click', async ({ page, browser, served }) => {
  await signIn(page, served.url, { username: 'vera', password: 'vera-password' });
  const owner = await browser.newPage();
  await signIn(owner, served.url, OWNER);
  await owner.goto(`${served.url}/#/users`);
  await owner.getByRole('button', { name: 'All' }).click();
  await owner.getByRole('button', { name: 'Edit vera' }).click();
  await owner.getByLabel('Can sign in (active)').uncheck();
  await owner.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
  await expect(owner.getByRole('row').filter({ hasText: 'vera' })).toContainText('Inactive');
  await owner.close();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByText('Your session has ended')).toBeVisible();
});

test('settings: the site owner changes the dialing rules', async ({ page, served, shot }) => {
  await signIn(page, served.url, OWNER);
  await page.goto(`${served.url}/#/settings`);
  await page.getByLabel('Cooldown (days)').fill('5');
  await page.getByLabel('Lease time (minutes)').fill('20');
  await page.getByRole('button', { name: 'Save dialing rules' }).click();
  await expect(page.getByText('Dialing rules saved')).toBeVisible();
  await page.getByLabel('Lease time (minutes)').fill('0');
  await page.getByRole('button', { name: 'Save dialing rules' }).click();
  await expect(page.getByRole('alert')).toContainText('at least 1');
  await page.reload();
  await expect(page.getByLabel('Cooldown (days)')).toHaveValue('5');
  await expect(page.getByLabel('Lease time (minutes)')).toHaveValue('20');
  await shot('settings');

  // a backup arrives as a download and is a SQLite database
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Back up now' }).click()]);
  const head = await readFirstBytes(await download.createReadStream(), 16);
  expect(head.toString('latin1')).toBe('SQLite format 3\u0000');
  await expect(page.getByText(/Backed up .*integrity ok/)).toBeVisible();

  // the desk's theme applies at once and after a reload
  await page.getByLabel('Theme').selectOption('dark');
  await page.getByRole('button', { name: 'Save desk settings' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.goto(`${served.url}/#/companies`);
  await shot('companies-dark');
  await page.goto(`${served.url}/#/settings`);
  await page.getByLabel('Theme').selectOption('system');
  await page.getByRole('button', { name: 'Save desk settings' }).click();
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', 'dark');
});

type Page = import('@playwright/test').Page;

async function readFirstBytes(stream: NodeJS.ReadableStream, n: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(Buffer.from(chunk as Buffer));
    if (Buffer.concat(chunks).length >= n) break;
  }
  return Buffer.concat(chunks).subarray(0, n);
}

async function signIn(page: Page, url: string, who: { username: string; password: string }) {
  await page.goto(url);
  await page.getByLabel('Username').fill(who.username);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
}

async function signOut(page: Page) {
  await page.locator('.user-button').click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
}

async function createCompany(page: Page, c: { name: string; slug: string; timezone: string; currency: string; perCall: string }) {
  await page.getByRole('button', { name: 'Quick add' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill(c.name);
  await dialog.getByLabel('Slug').fill(c.slug);
  await dialog.getByLabel('Time zone').selectOption(c.timezone);
  await dialog.getByLabel('Currency').selectOption(c.currency);
  await dialog.getByLabel(`Cost per billable call (${c.currency})`).fill(c.perCall);
  await dialog.getByRole('button', { name: 'Create company' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByRole('row').filter({ hasText: c.name })).toBeVisible();
}
