import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures';
import { OWNER, chooseFile, openPage, seedDesk, signIn } from './helpers';

test.describe.configure({ mode: 'serial' });

/** DESIGN.md §8 in the console: lists, callbacks, do-not-call, pauses, recycling and callee-local hours. */
const phones = (from: number, count: number) => Array.from({ length: count }, (_, i) => `+4930${String(5550000 + from + i)}`).join('\n');

test('lists, callbacks, do-not-call and dialing rules', async ({ page, served, shot }) => {
  // the desk is set up through nine command-line runs, each a fresh process
  test.setTimeout(300_000);
  await seedDesk(served, [{ slug: 'acme', name: 'Acme', timezone: 'Europe/Berlin', currency: 'EUR' }]);
  const file = (name: string, text: string) => {
    const path = join(served.dataDir, name);
    writeFileSync(path, `${text}\n`);
    return path;
  };
  for (const args of [
    ['schedule', 'set', '--company', 'acme', '--open-24x7'],
    ['scenario', 'create', '--company', 'acme', '--key', 'spring', '--name', 'Spring'],
    ['numbers', 'import', file('spring.csv', phones(0, 10)), '--list', 'Spring leads'],
    ['numbers', 'import', file('own.csv', phones(100, 4)), '--company', 'acme', '--list', 'Acme own'],
    ['numbers', 'dnc', file('site-dnc.csv', phones(500, 3))],
    ['numbers', 'dnc', file('acme-dnc.csv', `${phones(600, 2)}\n+4917612345678`), '--company', 'acme'],
  ]) {
    const done = await served.cli(args);
    expect(done.exitCode, JSON.stringify(done)).toBe(0);
  }
  const { key } = await served.cli(['apikey', 'create', '--company', 'acme', '--name', 'room']);
  const auth = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
  const nextBatch = async (size: number) =>
    (await (await fetch(`${served.url}/api/v1/dialer/next-batch?company=acme&size=${size}&dialer=room-1`, { headers: auth })).json()) as {
      batch_id: string;
      blocked: { reason: string } | null;
      numbers: { number_id: number; phone: string }[];
    };
  const batch = await nextBatch(4);
  expect(batch.numbers).toHaveLength(4);
  const callbackAt = new Date(Date.now() + 3 * 3600_000).toISOString();
  for (const [i, n] of batch.numbers.entries()) {
    const res = await fetch(`${served.url}/api/v1/dialer/report-result`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({
        company: 'acme',
        call_id: `call-${i}`,
        phone: n.phone,
        batch_id: batch.batch_id,
        scenario: 'spring',
        status: i === 0 ? 'CALLBACK' : i === 1 ? 'ANSWERED' : 'NO_ANSWER',
        started_at: new Date().toISOString(),
        duration_s: 20,
        ...(i === 0 && { callback_at: callbackAt }),
      }),
    });
    expect(res.status, await res.text()).toBe(201);
  }

  await signIn(page, served.url, OWNER);

  // Numbers: each list with its progress, switched off for this company alone
  await openPage(page, 'Numbers');
  const spring = page.getByRole('row').filter({ hasText: 'Spring leads' });
  const own = page.getByRole('row').filter({ hasText: 'Acme own' });
  await expect(spring).toContainText('Site pool');
  await expect(own).toContainText('Own');
  // the four numbers leased came from either list: dialed counts them once each, the rest remain
  const cell = async (row: typeof spring, i: number) => Number(await row.locator('td').nth(i).innerText());
  expect((await cell(spring, 3)) + (await cell(own, 3))).toBe(4);
  expect((await cell(spring, 6)) + (await cell(own, 6))).toBe(10);
  await expect(page.getByRole('progressbar', { name: 'Acme own penetration' })).toBeVisible();
  await page.getByRole('switch', { name: 'Dial Acme own' }).click();
  await expect(own).toContainText('Off');
  await expect(page.getByRole('switch', { name: 'Dial Acme own' })).not.toBeChecked();
  await shot('lifecycle-lists');
  await page.getByRole('switch', { name: 'Dial Acme own' }).click();
  await expect(own).toContainText('On');
  // an import names its list; the same name again adds to it
  const importCard = page.locator('.card').filter({ hasText: 'Import numbers' });
  await chooseFile(page, importCard, { name: 'summer.txt', mimeType: 'text/plain', buffer: Buffer.from(phones(200, 3)) });
  await importCard.getByLabel('List').fill('Summer');
  await importCard.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByTestId('numbers-report')).toContainText('new site list “Summer”');
  await expect(page.getByRole('row').filter({ hasText: 'Summer' })).toContainText('Site pool');

  // Callbacks: the one asked for is upcoming; moved, then cancelled
  await openPage(page, 'Callbacks');
  await expect(page.getByRole('heading', { name: 'No due now callbacks' })).toBeVisible();
  await page.getByRole('button', { name: /^Upcoming \(1\)/ }).click();
  const cb = page.getByRole('row').filter({ hasText: batch.numbers[0].phone });
  await expect(cb).toContainText('Upcoming');
  await page.getByRole('button', { name: `Move ${batch.numbers[0].phone}` }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('New time (Europe/Berlin)').fill('2020-01-01T10:00');
  await dialog.getByRole('button', { name: 'Move callback' }).click();
  await expect(dialog.getByRole('alert')).toContainText('in the past');
  await dialog.getByLabel('New time (Europe/Berlin)').fill(nextYearDay());
  await dialog.getByRole('button', { name: 'Move callback' }).click();
  await expect(dialog.getByRole('alert')).toContainText('more than 90 days');
  const inTwoDays = wallInBerlin(Date.now() + 2 * 86_400_000);
  await dialog.getByLabel('New time (Europe/Berlin)').fill(inTwoDays);
  await dialog.getByRole('button', { name: 'Move callback' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(cb).toContainText(`${Number(inTwoDays.slice(11, 13))}:${inTwoDays.slice(14, 16)}`);
  await shot('lifecycle-callbacks');
  await page.getByRole('button', { name: `Cancel ${batch.numbers[0].phone}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel callback' }).click();
  await expect(page.getByRole('heading', { name: 'No upcoming callbacks' })).toBeVisible();
  await page.getByRole('button', { name: 'Cancelled', exact: true }).click();
  await expect(page.getByRole('row').filter({ hasText: batch.numbers[0].phone })).toContainText('owner');

  // Do-not-call: the company's own list and the site's, searchable, exported as CSV
  await openPage(page, 'Do-not-call');
  await expect(page.getByText('3 numbers')).toBeVisible();
  await page.getByLabel('Search this list').fill('0176 1234');
  await expect(page.getByRole('row')).toHaveCount(2);
  await expect(page.getByRole('row').nth(1)).toContainText('+4917612345678');
  await page.getByLabel('Search this list').fill('');
  await page.getByLabel('Which list').selectOption({ label: 'Site list' });
  await expect(page.getByRole('heading', { name: 'Site list' })).toBeVisible();
  await expect(page.getByText('3 numbers')).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: phones(500, 1) })).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = await download;
  expect(csv.suggestedFilename()).toBe('site-do-not-call.csv');
  const csvText = await (await import('node:fs/promises')).readFile((await csv.path())!, 'utf8');
  expect(csvText.replace(/^\ufeff/, '').split('\r\n')[0]).toBe('phone,added_at_utc,source,added_by');
  expect(csvText).toContain(phones(502, 1));
  await shot('lifecycle-do-not-call');

  // Dialing rules: a pause needs a reason; the dashboard says who paused and why; dialers are told "paused"
  await openPage(page, 'Dialing rules');
  await expect(page.getByText('Acme is dialing.')).toBeVisible();
  await page.getByRole('button', { name: 'Pause Acme' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'say why' })).toBeVisible();
  await page.getByLabel('Reason').fill('script being rewritten');
  await page.getByRole('button', { name: 'Pause Acme' }).click();
  await expect(page.getByTestId('paused-company')).toContainText('script being rewritten');
  expect((await nextBatch(2)).blocked?.reason).toBe('paused');

  await page.getByRole('button', { name: 'New rule' }).click();
  const rule = page.getByRole('dialog');
  await rule.getByLabel('After a call ends with').selectOption({ label: 'No answer' });
  await rule.getByLabel('Wait (minutes)').fill('-5');
  await rule.getByRole('button', { name: 'Save rule' }).click();
  await expect(rule.getByRole('alert')).toContainText('at least 1 minute');
  await rule.getByLabel('Wait (minutes)').fill('240');
  await rule.getByLabel('Retries at most').fill('0');
  await rule.getByRole('button', { name: 'Save rule' }).click();
  await expect(rule.getByRole('alert')).toContainText('retries at least once');
  await rule.getByLabel('Retries at most').fill('3');
  await rule.getByRole('button', { name: 'Save rule' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  const noAnswer = page.getByRole('row').filter({ hasText: 'No answer' });
  await expect(noAnswer).toContainText('4 h');
  await page.getByRole('button', { name: 'New rule' }).click();
  await page.getByRole('dialog').getByLabel('After a call ends with').selectOption({ label: 'Busy' });
  await page.getByRole('dialog').getByLabel('Wait (minutes)').fill('30');
  await page.getByRole('dialog').getByRole('button', { name: 'Save rule' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'Busy' })).toContainText('30 min');
  await page.getByRole('button', { name: 'Edit No answer' }).click();
  await page.getByRole('dialog').getByLabel('Wait (minutes)').fill('90');
  await page.getByRole('dialog').getByRole('button', { name: 'Save rule' }).click();
  await expect(noAnswer).toContainText('1 h 30 min');

  const calleeHours = page.getByLabel('Dial inside the windows on the callee’s clock');
  await expect(page.getByLabel('Numbers whose area spans several zones')).toBeDisabled();
  await calleeHours.click();
  await expect(page.getByLabel('Numbers whose area spans several zones')).toBeEnabled();
  await page.getByLabel('Numbers whose area spans several zones').selectOption('company');
  await expect(page.getByLabel('Numbers whose area spans several zones')).toHaveValue('company');
  await page.getByLabel('Reason').fill('trunk maintenance');
  await page.getByRole('button', { name: 'Pause the whole site' }).click();
  await expect(page.getByTestId('paused-site')).toContainText('trunk maintenance');
  await shot('lifecycle-dialing-rules');

  await openPage(page, 'Dashboard');
  await expect(page.getByTestId('paused-site')).toContainText(`by ${OWNER.username}`);
  await expect(page.getByTestId('paused-company')).toContainText('script being rewritten');
  const attempts = page.getByTestId('attempts');
  await expect(attempts).toContainText('First attempts4');
  await shot('lifecycle-dashboard-paused');

  // a reload keeps what was saved
  await openPage(page, 'Dialing rules');
  await page.reload();
  await expect(page.getByRole('row').filter({ hasText: 'Busy' })).toContainText('30 min');
  await expect(page.getByLabel('Dial inside the windows on the callee’s clock')).toBeChecked();
  await page.getByRole('button', { name: 'Remove Busy' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'Busy' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Resume the whole site' }).click();
  await page.getByRole('button', { name: 'Resume Acme' }).click();
  await expect(page.getByText('Acme is dialing.')).toBeVisible();
  expect((await nextBatch(2)).blocked).toBeNull();
});

function wallInBerlin(ms: number): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: 'Europe/Berlin',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(new Date(ms))
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

const nextYearDay = () => wallInBerlin(Date.now() + 200 * 86_400_000);
