import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures';
import { OWNER, chooseFile, openPage, seedDesk, signIn, signOut } from './helpers';

test.describe.configure({ mode: 'serial' });

/** DESIGN.md §8: the owner writes the site's list or any company's; a company admin only their own. */
const ADA = { username: 'ada', password: 'ada-password-1' };
let globexId = 0;

test("the owner adds to any company's do-not-call list or the site's: one number, a file, then views, searches and exports it", async ({
  page,
  served,
  shot,
}) => {
  await seedDesk(served, [
    { slug: 'acme', name: 'Acme', timezone: 'Europe/Berlin' },
    { slug: 'globex', name: 'Globex', timezone: 'Europe/Berlin' },
  ]);
  const admin = await served.cli([
    'user',
    'create',
    '--username',
    ADA.username,
    '--role',
    'admin',
    '--company',
    'acme',
    '--password',
    ADA.password,
  ]);
  expect(admin.exitCode, JSON.stringify(admin)).toBe(0);

  await signIn(page, served.url, OWNER);
  await openPage(page, 'Do-not-call');
  await page.getByLabel('Which list').selectOption({ label: 'Globex’s list' });
  await expect(page.getByRole('heading', { name: 'Globex’s list', exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Nobody on this list' })).toBeVisible();

  // one number, typed as people write it
  const add = page.locator('.card').filter({ has: page.getByRole('heading', { name: 'Add a number' }) });
  await add.getByLabel('Phone number').fill('+49 30 5550 1234');
  await add.getByRole('button', { name: 'Add to the list' }).click();
  const list = page.getByRole('table', { name: 'Globex’s list' });
  await expect(list.getByRole('row').filter({ hasText: '+493055501234' })).toContainText('typed in the console');
  await expect(page.getByText('1 number', { exact: true })).toBeVisible();
  // not a number: said on the field, nothing added
  await add.getByLabel('Phone number').fill('12');
  await add.getByRole('button', { name: 'Add to the list' }).click();
  await expect(add.getByLabel('Phone number')).toHaveAttribute('aria-invalid', 'true');
  await expect(add.getByLabel('Phone number')).toHaveAccessibleDescription(/not a valid phone number/i);
  await expect(page.getByText('1 number', { exact: true })).toBeVisible();

  // a file onto the same list: the number already on it is counted, not added twice
  const importCard = page.locator('.card').filter({ has: page.getByRole('heading', { name: 'Do-not-call list' }) });
  await chooseFile(page, importCard, {
    name: 'globex-asked.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('+493055501234\n+493055502222\n+493055503333\n'),
  });
  await importCard.getByRole('button', { name: 'Import do-not-call list' }).click();
  await expect(page.getByTestId('dnc-report')).toContainText('2 added to this company’s own list, 1 already on it');
  await expect(page.getByText('3 numbers', { exact: true })).toBeVisible();
  await page.getByLabel('Search this list').fill('030 5550 2222');
  await expect(list.getByRole('row')).toHaveCount(2);
  await expect(list.getByRole('row').nth(1)).toContainText('globex-asked.txt');
  await page.getByLabel('Search this list').fill('');
  await shot('do-not-call-company');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = await download;
  expect(csv.suggestedFilename()).toBe('globex-do-not-call.csv');
  const rows = (await readFile((await csv.path())!, 'utf8'))
    .replace(/^\ufeff/, '')
    .trim()
    .split('\r\n');
  expect(rows.map((r) => r.split(',')[0])).toEqual(['phone', '+493055501234', '+493055502222', '+493055503333']);

  // Acme's list and the site's are untouched by Globex's; the site's takes a number of its own
  await page.getByLabel('Which list').selectOption({ label: 'Acme’s list' });
  await expect(page.getByRole('heading', { name: 'Nobody on this list' })).toBeVisible();
  await page.getByLabel('Which list').selectOption({ label: 'Site list' });
  await expect(page.getByRole('heading', { name: 'Nobody on this list' })).toBeVisible();
  await add.getByLabel('Phone number').fill('+49 30 5550 9999');
  await add.getByRole('button', { name: 'Add to the list' }).click();
  await expect(page.getByRole('table', { name: 'Site list' }).getByRole('row').filter({ hasText: '+493055509999' })).toBeVisible();

  globexId = await page.evaluate(async () => {
    const bridge = (globalThis as unknown as { dialdesk: { invoke(c: string, a: unknown): Promise<any> } }).dialdesk;
    const answer = await bridge.invoke('companies.list', {});
    return answer.value.find((c: { slug: string }) => c.slug === 'globex').id as number;
  });
  expect(globexId).toBeGreaterThan(0);
});

test("a company admin writes their own company's list only: the site's is read-only, another company's is refused by the server", async ({
  page,
  served,
}) => {
  await signIn(page, served.url, ADA);
  await openPage(page, 'Do-not-call');
  const which = page.getByLabel('Which list');
  await expect(which.locator('option')).toHaveText(['Acme’s list', 'Site list']);
  await which.selectOption({ label: 'Site list' });
  await expect(page.getByText('only the site owner changes the site list')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Add a number' })).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'Site list' })).toContainText('+493055509999');

  await which.selectOption({ label: 'Acme’s list' });
  const add = page.locator('.card').filter({ has: page.getByRole('heading', { name: 'Add a number' }) });
  await add.getByLabel('Phone number').fill('+493055504444');
  await add.getByRole('button', { name: 'Add to the list' }).click();
  await expect(page.getByRole('table', { name: 'Acme’s list' }).getByRole('row').filter({ hasText: '+493055504444' })).toContainText('ada');

  // what the page does not offer, asked of the server directly with this session: refused
  const answers = await page.evaluate(async (companyId) => {
    const bridge = (globalThis as unknown as { dialdesk: { invoke(c: string, a: unknown): Promise<any> } }).dialdesk;
    return Promise.all([
      bridge.invoke('dnc.add', { companyId, phone: '+493055505555' }),
      bridge.invoke('numbers.dnc', { companyId, content: '+493055505555\n' }),
      bridge.invoke('dnc.list', { companyId }),
    ]);
  }, globexId);
  for (const answer of answers) expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

  // and nothing reached Globex's list
  await signOut(page);
  await signIn(page, served.url, OWNER);
  await openPage(page, 'Do-not-call');
  await page.getByLabel('Which list').selectOption({ label: 'Globex’s list' });
  await expect(page.getByText('3 numbers', { exact: true })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Globex’s list' })).not.toContainText('+493055505555');
});

test('the do-not-call page in Persian: its own words translated, right to left, and no serious accessibility fault', async ({
  page,
  served,
  shot,
}) => {
  await page.goto(served.url);
  await page.evaluate(() =>
    (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem('dialdesk.language', 'fa'),
  );
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.locator('#root input').first().fill(OWNER.username);
  await page.locator('input[type=password]').fill(OWNER.password);
  await page.locator('button[type=submit]').click();
  const nav = page.getByRole('navigation', { name: 'اصلی' });
  await expect(nav).toBeVisible();
  await nav.getByRole('link', { name: 'فهرست منع تماس' }).click();
  await expect(page.getByRole('heading', { name: 'فهرست منع تماس', level: 1 })).toBeVisible();
  await page.getByLabel('کدام فهرست').selectOption({ label: 'فهرست Globex' });
  await expect(page.getByRole('heading', { name: 'فهرست Globex', exact: true })).toBeVisible();
  await expect(page.getByText('۳ شماره', { exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'افزودن یک شماره' })).toBeVisible();
  await expect(page.getByLabel('جست‌وجو در این فهرست')).toBeVisible();
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await shot('fa-do-not-call');
});
