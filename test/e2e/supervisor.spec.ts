import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, type Served } from './fixtures';
import { OWNER, chooseFile, openPage, seedDesk, signIn, signOut } from './helpers';

test.describe.configure({ mode: 'serial' });

/** What a supervisor must never have to guess (DESIGN.md §5), at a laptop's width and as results come in. */
const PHONES = Array.from({ length: 20 }, (_, i) => `+4930555${String(7000 + i)}`);
const ADA = { username: 'ada', password: 'ada-password-1' };
let apiKey = '';
let calls = 0;

/** A dialer on the HTTP port: leases as many numbers as statuses and reports one result each. */
async function dial(served: Served, statuses: string[], extra: (i: number) => Record<string, unknown> = () => ({})) {
  const auth = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
  const res = await fetch(`${served.url}/api/v1/dialer/next-batch?company=acme&size=${statuses.length}&dialer=room-1`, { headers: auth });
  const batch = (await res.json()) as { batch_id: string; numbers: { phone: string }[] };
  expect(batch.numbers).toHaveLength(statuses.length);
  for (const [i, n] of batch.numbers.entries()) {
    const reported = await fetch(`${served.url}/api/v1/dialer/report-result`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({
        company: 'acme',
        call_id: `sv-${++calls}`,
        phone: n.phone,
        batch_id: batch.batch_id,
        scenario: 'spring',
        status: statuses[i],
        started_at: new Date().toISOString(),
        duration_s: 20,
        ...extra(i),
      }),
    });
    expect(reported.status, await reported.text()).toBe(201);
  }
  return batch.numbers.map((n) => n.phone);
}

/** the little of the page's document the checks read (the tests are compiled without the DOM's types) */
interface Doc {
  documentElement: { scrollWidth: number };
  elementFromPoint(x: number, y: number): { closest(selector: string): { textContent: string | null } | null } | null;
}

/** Whether the page was reloaded since the mark: a value on window survives only without one. */
const mark = (page: Page) => page.evaluate(() => ((globalThis as unknown as { marker: string }).marker = 'still here'));
const marked = (page: Page) => page.evaluate(() => (globalThis as unknown as { marker?: string }).marker);

test('the matrix at 1024 px: a sticky first column, status groups, a chooser nothing clips', async ({ page, served, shot }) => {
  await seedDesk(served, [
    { slug: 'acme', name: 'Acme', timezone: 'Europe/Berlin', currency: 'EUR', costPerBillable: 25, balance: 100000 },
  ]);
  const list = join(served.dataDir, 'spring.csv');
  writeFileSync(list, `${PHONES.join('\n')}\n`);
  for (const args of [
    ['schedule', 'set', '--company', 'acme', '--open-24x7'],
    ['scenario', 'create', '--company', 'acme', '--key', 'spring', '--name', 'Spring sale'],
    ['numbers', 'import', list, '--company', 'acme'],
    ['user', 'create', '--username', ADA.username, '--role', 'admin', '--company', 'acme', '--password', ADA.password],
  ]) {
    const done = await served.cli(args);
    expect(done.exitCode, JSON.stringify(done)).toBe(0);
  }
  apiKey = (await served.cli(['apikey', 'create', '--company', 'acme', '--name', 'room'])).key;
  await dial(served, ['ANSWERED', 'INTERESTED', 'NO_ANSWER', 'BUSY']);

  await page.setViewportSize({ width: 1024, height: 768 });
  await signIn(page, served.url, OWNER);
  // the last 7 days: calls made just before the company's midnight are still in it after
  await page.getByRole('button', { name: 'Last 7 days' }).click();
  const matrix = page.getByRole('table', { name: /Calls by scenario/ });
  const rowName = matrix.getByRole('rowheader', { name: 'Spring sale' });
  await expect(rowName).toBeVisible();
  // the page itself never scrolls sideways: the matrix scrolls inside its own frame
  expect(await page.evaluate(() => (globalThis as unknown as { document: Doc }).document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    1024,
  );

  // status groups, each named once
  for (const name of ['Summary', 'Reached', 'Not reached', 'Inbound'])
    await expect(matrix.getByRole('columnheader', { name, exact: true }), name).toHaveCount(1);

  // scrolled to its far end, the first column stays where it was and covers what slides under it
  const frame = page.locator('.table-wrap').filter({ has: matrix });
  await matrix.scrollIntoViewIfNeeded();
  const before = (await rowName.boundingBox())!;
  const scrolled = await frame.evaluate((el) => {
    el.scrollLeft = el.scrollWidth;
    return el.scrollLeft;
  });
  expect(scrolled).toBeGreaterThan(0);
  const after = (await rowName.boundingBox())!;
  expect(Math.abs(after.x - before.x)).toBeLessThan(1);
  const onTop = await page.evaluate(
    ({ x, y }) => (globalThis as unknown as { document: Doc }).document.elementFromPoint(x, y)?.closest('th')?.textContent ?? null,
    {
      x: after.x + after.width - 4,
      y: after.y + after.height / 2,
    },
  );
  expect(onTop).toBe('Spring sale');
  await expect(matrix.getByRole('columnheader', { name: 'Inbound', exact: true })).toBeInViewport();

  // the chooser: every choice inside the window, none cut off
  const chooser = page.getByRole('group', { name: 'Status columns' });
  for (const name of ['Reached', 'Not reached', 'Inbound']) {
    const box = (await chooser.getByText(name, { exact: true }).boundingBox())!;
    expect(box.x, name).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, name).toBeLessThanOrEqual(1024);
  }
  expect(await chooser.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  await chooser.getByRole('checkbox', { name: 'Not reached' }).uncheck();
  await expect(matrix.getByRole('columnheader', { name: 'Not reached', exact: true })).toHaveCount(0);
  await expect(matrix.getByRole('columnheader', { name: 'No answer' })).toHaveCount(0);
  await expect(matrix.getByRole('columnheader', { name: 'Answered' })).toBeVisible();
  await frame.evaluate((el) => (el.scrollLeft = 0));
  await shot('dashboard-matrix-1024');
  await chooser.getByRole('checkbox', { name: 'Not reached' }).check();
  await expect(matrix.getByRole('columnheader', { name: 'No answer' })).toHaveCount(1);
});

test('the call log takes new results as a dialer reports them, and its total follows without a reload', async ({ page, served }) => {
  await signIn(page, served.url, OWNER);
  await openPage(page, 'Call log');
  const total = page.getByTestId('calls-total');
  await expect(total).toHaveText('4 shown of 4');
  await expect(page.getByRole('heading', { name: 'Calls · 4' })).toBeVisible();
  await mark(page);

  await dial(served, ['ANSWERED', 'NO_ANSWER', 'BUSY']);
  await expect(total).toHaveText('7 shown of 7');
  await expect(page.getByRole('heading', { name: 'Calls · 7' })).toBeVisible();
  await expect(page.locator('.calls-table tbody tr')).toHaveCount(7);

  // a filtered log counts only what matches, live too
  await page.locator('.status-picker button').first().click();
  await page.getByRole('checkbox', { name: 'Busy' }).check();
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(total).toHaveText('2 shown of 2');
  await dial(served, ['BUSY', 'ANSWERED']);
  await expect(total).toHaveText('3 shown of 3');
  expect(await marked(page)).toBe('still here');
});

test('a looked-up number shows the do-not-call import at once; a new error never stands over an old result', async ({ page, served }) => {
  // the owner's import is the site's list: the pool marks the number complained
  await signIn(page, served.url, OWNER);
  await openPage(page, 'Numbers');
  const lookup = page.locator('.card').filter({ has: page.getByRole('heading', { name: 'Look up a number' }) });
  const result = page.getByTestId('lookup-result');
  await lookup.getByLabel('Phone number').fill(PHONES[19]);
  await lookup.getByRole('button', { name: 'Look up' }).click();
  await expect(result.locator('.badge').first()).toHaveText('Active');
  const dnc = page.locator('.card').filter({ has: page.getByRole('heading', { name: 'Do-not-call list' }) });
  await chooseFile(page, dnc, { name: 'complaints.txt', mimeType: 'text/plain', buffer: Buffer.from(`${PHONES[19]}\n`) });
  await dnc.getByRole('button', { name: 'Import do-not-call list' }).click();
  await expect(page.getByTestId('dnc-report')).toContainText('1 marked do-not-call');
  await expect(result.locator('.badge').first()).toHaveText('Complained');

  // asked something that is not a number: the error, and no answer of the last question under it
  await lookup.getByLabel('Phone number').fill('not a number');
  await lookup.getByRole('button', { name: 'Look up' }).click();
  await expect(lookup.getByRole('alert')).toBeVisible();
  await expect(result).toHaveCount(0);
  await signOut(page);

  // a company admin's import is the company's own list: the pool keeps "Active", the card says the list
  await signIn(page, served.url, ADA);
  await openPage(page, 'Numbers');
  await lookup.getByLabel('Phone number').fill(PHONES[18]);
  await lookup.getByRole('button', { name: 'Look up' }).click();
  await expect(result.locator('.badge').first()).toHaveText('Active');
  await expect(result).not.toContainText('Do-not-call');
  await chooseFile(page, dnc, { name: 'acme-asked.txt', mimeType: 'text/plain', buffer: Buffer.from(`${PHONES[18]}\n`) });
  await dnc.getByRole('button', { name: 'Import do-not-call list' }).click();
  await expect(page.getByTestId('dnc-report')).toContainText('1 added to this company’s own list');
  await expect(result).toContainText('Do-not-call: Acme’s list');
});

test('with the Jalali calendar chosen, every date input shows its Jalali date beneath it', async ({ page, served, shot }) => {
  await dial(served, ['CALLBACK'], () => ({ callback_at: new Date(Date.now() + 2 * 3600_000).toISOString() }));
  await signIn(page, served.url, OWNER);
  await openPage(page, 'Call log');
  // Gregorian (the default): no echo
  await page.getByLabel('From', { exact: true }).fill('2026-04-10');
  await expect(page.getByLabel('From', { exact: true })).toHaveAccessibleDescription('');
  await page.locator('.user-button').click();
  await page.getByRole('menuitemradio', { name: 'Persian (Jalali)' }).click();

  await openPage(page, 'Call log');
  await page.getByLabel('From', { exact: true }).fill('2026-04-10');
  await page.getByLabel('To', { exact: true }).fill('2026-04-11');
  await expect(page.getByLabel('From', { exact: true })).toHaveAccessibleDescription('Farvardin 21, 1405 AP');
  await expect(page.getByLabel('To', { exact: true })).toHaveAccessibleDescription('Farvardin 22, 1405 AP');
  await shot('call-log-jalali-filters');

  await openPage(page, 'Dashboard');
  await page.getByRole('button', { name: 'Custom' }).click();
  // the echo describes the input, it does not rename it: its name stays "From"
  const from = page.locator('.range-custom').getByRole('textbox', { name: 'From', exact: true });
  await from.fill('2026-04-10');
  await expect(from).toHaveAccessibleDescription('Farvardin 21, 1405 AP');

  await openPage(page, 'Billing');
  await page.getByLabel('Month', { exact: true }).fill('2026-04');
  await expect(page.getByLabel('Month', { exact: true })).toHaveAccessibleDescription('Farvardin 1405 AP');

  await openPage(page, 'Schedule');
  const exception = page.getByRole('group', { name: 'Add an exception' });
  await exception.getByLabel('Date').fill('2026-04-10');
  await expect(exception.locator('input[type=date]')).toHaveAccessibleDescription('Farvardin 21, 1405 AP');
  await expect(exception.getByTestId('date-echo')).toBeVisible();

  await openPage(page, 'Callbacks');
  await page.getByRole('button', { name: /^Upcoming \(1\)/ }).click();
  await page.getByRole('button', { name: /^Move / }).click();
  const when = page.getByRole('dialog').getByLabel('New time (Europe/Berlin)');
  await when.fill('2026-04-10T10:30');
  await expect(when).toHaveAccessibleDescription('Farvardin 21, 1405 AP, 10:30');
});
