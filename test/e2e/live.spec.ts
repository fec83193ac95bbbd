import { test, expect } from './fixtures';
import { OWNER, chooseFile, openPage, seedDesk, signIn } from './helpers';

test.describe.configure({ mode: 'serial' });

const PHONES = Array.from({ length: 12 }, (_, i) => `+49151234567${String(i + 10)}`);
let apiKey = '';

test('set up to dial: numbers import with a rejected-rows report, hours, a scenario and an API key', async ({ page, served, shot }) => {
  await seedDesk(served, [{ slug: 'acme', name: 'Acme', timezone: 'Europe/Berlin', currency: 'EUR', costPerBillable: 25, balance: 1000 }]);
  await signIn(page, served.url, OWNER);

  await openPage(page, 'Numbers');
  await shot('numbers-empty');
  const file = ['phone', ...PHONES, 'not-a-number', '12'].join('\n');
  const importCard = page.locator('.card').filter({ hasText: 'Import numbers' });
  // the page holds no path and no text: the bridge uploads the picked file and keeps only its handle
  await page.evaluate(() => {
    const w = globalThis as unknown as { uploads: unknown[]; dialdesk: { on(e: string, fn: (p: unknown) => void): () => void } };
    w.uploads = [];
    w.dialdesk.on('upload.progress', (p) => w.uploads.push(p));
  });
  const chooser = page.waitForEvent('filechooser');
  await importCard.getByRole('button', { name: 'Choose file…' }).click();
  await (await chooser).setFiles({ name: 'leads.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
  await expect(page.getByTestId('numbers-file')).toHaveText('leads.csv');
  await expect(importCard).toContainText(`${Buffer.byteLength(file)} B, ready to import`);
  const uploads = (await page.evaluate(() => (globalThis as unknown as { uploads: unknown[] }).uploads)) as {
    name: string;
    sent: number;
    total: number;
  }[];
  expect(uploads.at(-1)).toEqual({ name: 'leads.csv', sent: Buffer.byteLength(file), total: Buffer.byteLength(file) });
  await importCard.getByRole('button', { name: 'Import', exact: true }).click();
  const report = page.getByTestId('numbers-report');
  await expect(report).toContainText('leads.csv: 14 rows');
  await expect(report).toContainText('12 added');
  await expect(report).toContainText('2 rejected');
  await expect(report.getByRole('table', { name: 'Rejected rows' }).getByRole('row')).toHaveCount(3);
  await expect(page.getByTestId('pool-active')).toHaveText('12');
  await shot('numbers');

  await openPage(page, 'Schedule');
  // painting the grid: drag across Saturday 10:00–12:00
  const saturday = page.locator('.wg-row').nth(5).locator('.wg-cell');
  await saturday.nth(20).hover();
  await page.mouse.down();
  await saturday.nth(23).hover();
  await page.mouse.up();
  await expect(page.getByLabel('Saturday window 1 opens')).toHaveValue('10:00');
  await expect(page.getByLabel('Saturday window 1 closes')).toHaveValue('12:00');
  // a typo is caught before saving
  await page.getByLabel('Saturday window 1 closes').fill('25:00');
  await expect(page.getByRole('alert')).toContainText('"25:00" is not a time');
  await expect(page.getByRole('button', { name: 'Save hours' })).toBeDisabled();
  await page.getByRole('button', { name: '24 × 7' }).click();
  await expect(page.getByText('Unsaved changes')).toBeVisible();
  await page.getByRole('button', { name: 'Save hours' }).click();
  await expect(page.getByText(/Open now/)).toBeVisible();
  await shot('schedule');

  await openPage(page, 'Scenarios');
  await page.getByRole('button', { name: 'New scenario' }).click();
  await page.getByRole('dialog').getByLabel('Name').fill('Spring sale');
  await page.getByRole('dialog').getByLabel('Key').fill('spring');
  await page.getByRole('dialog').getByRole('button', { name: 'Add scenario' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'Spring sale' })).toBeVisible();

  await openPage(page, 'API keys');
  await page.getByRole('button', { name: 'New API key' }).click();
  await page.getByRole('dialog').getByLabel('Name').fill('dialer room 1');
  await page.getByRole('dialog').getByRole('button', { name: 'Create key' }).click();
  apiKey = (await page.getByTestId('secret-value').textContent()) ?? '';
  expect(apiKey.length).toBeGreaterThan(20);
  await shot('api-key-created');
  await page.getByRole('button', { name: 'I have saved it' }).click();
  const keyRow = page.getByRole('row').filter({ hasText: 'dialer room 1' });
  await expect(keyRow).toContainText(apiKey.slice(0, 6));
  await expect(keyRow).toContainText('never');
  await shot('api-keys');
});

test('the dashboard follows a dialer live: matrix, charts, wallet and the dialers panel', async ({ page, served, shot }) => {
  await signIn(page, served.url, OWNER);
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No calls in this range' })).toBeVisible();
  await expect(page.getByTestId('wallet-balance')).toHaveText('€10.00');
  // the page must not reload: a marker on window survives only without one
  await page.evaluate(() => ((globalThis as unknown as { marker: string }).marker = 'still here'));

  const auth = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
  const batchRes = await fetch(`${served.url}/api/v1/dialer/next-batch?company=acme&size=5&dialer=room-1`, { headers: auth });
  expect(batchRes.status).toBe(200);
  const batch = (await batchRes.json()) as { batch_id: string; blocked: unknown; numbers: { number_id: number; phone: string }[] };
  expect(batch.blocked).toBeNull();
  expect(batch.numbers).toHaveLength(5);
  await expect(page.getByRole('list', { name: 'Dialers' })).toContainText('room-1');

  const statuses = ['ANSWERED', 'INTERESTED', 'BUSY', 'NO_ANSWER', 'ANSWERED'];
  const now = new Date().toISOString();
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
        status: statuses[i],
        started_at: now,
        duration_s: 30 + i,
        ...(statuses[i] === 'INTERESTED' && {
          transcript: 'Customer: yes, send me the offer.',
          data: { plan: 'gold', email: 'kim@example.com' },
          recording_url: 'https://rec.example.com/call-1.mp3',
        }),
      }),
    });
    expect(res.status, await res.text()).toBe(201);
  }

  const matrix = page.getByRole('table', { name: /Calls by scenario/ });
  await expect(matrix).toBeVisible();
  const row = matrix.getByRole('row').filter({ hasText: 'Spring sale' });
  await expect(row.getByRole('link', { name: '2' }).first()).toBeVisible();
  await expect(page.locator('.kpis')).toContainText('5');
  // 3 billable calls at €0.25
  await expect(page.getByTestId('wallet-balance')).toHaveText('€9.25');
  await expect(page.locator('.recharts-bar-rectangle').first()).toBeVisible();
  expect(await page.evaluate(() => (globalThis as unknown as { marker?: string }).marker)).toBe('still here');
  await shot('dashboard-live');
});

test('call log: a dashboard cell opens the filtered log, the detail tells the story, the CSV holds the filtered rows', async ({
  page,
  served,
  shot,
}) => {
  await signIn(page, served.url, OWNER);
  const matrix = page.getByRole('table', { name: /Calls by scenario/ });
  // the Interested cell of the Spring sale row
  await matrix.getByRole('row').filter({ hasText: 'Spring sale' }).locator('a[href*="status=INTERESTED"]').click();
  await expect(page.getByRole('heading', { name: 'Call log', level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/status=INTERESTED/);
  const rows = page.locator('.calls-table tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Interested');
  await shot('call-log-filtered');

  await rows
    .first()
    .getByRole('button', { name: /Open call/ })
    .click();
  const detail = page.getByRole('dialog');
  await expect(detail).toContainText('Customer: yes, send me the offer.');
  await expect(detail.getByRole('link', { name: 'https://rec.example.com/call-1.mp3' })).toBeVisible();
  await expect(detail.getByTestId('call-data')).toContainText('"plan": "gold"');
  await expect(detail).toContainText('€0.25');
  await shot('call-detail');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page).not.toHaveURL(/id=/);

  // widen to all statuses but filter by direction and a phone prefix through the form
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(rows).toHaveCount(5);
  await page.getByLabel('Phone').fill('+4915123456');
  await page.locator('.status-picker button').first().click();
  await page.getByRole('checkbox', { name: 'Answered' }).check();
  await page.getByRole('checkbox', { name: 'Busy' }).check();
  await page.getByLabel('Phone').press('Enter');
  await expect(rows).toHaveCount(3);
  await shot('call-log');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  const csv = await streamText(await download.createReadStream());
  const lines = csv.trim().split(/\r?\n/);
  expect(lines[0]).toContain('status');
  expect(lines).toHaveLength(4);
  const statusCol = lines[0].split(',').indexOf('status');
  expect(
    lines
      .slice(1)
      .map((l) => l.split(',')[statusCol])
      .sort(),
  ).toEqual(['ANSWERED', 'ANSWERED', 'BUSY']);
});

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  let out = '';
  for await (const chunk of stream) out += chunk.toString();
  return out;
}

test('billing: a top-up moves the wallet and the ledger at once; the statement CSV adds up', async ({ page, served, shot }) => {
  await signIn(page, served.url, OWNER);
  await openPage(page, 'Billing');
  await expect(page.getByTestId('billing-balance')).toHaveText('€9.25');
  const ledger = page.getByRole('table', { name: 'Ledger' });
  await expect(ledger.getByRole('row').filter({ hasText: 'Charge' })).toHaveCount(3);

  await page.getByLabel('Amount (EUR)').fill('abc');
  await page.getByRole('button', { name: 'Top up' }).click();
  await expect(page.getByRole('alert')).toContainText('Enter an amount in EUR');
  await page.getByLabel('Amount (EUR)').fill('5');
  await page.getByLabel('Note (optional)').fill('invoice 7');
  await page.getByLabel('Note (optional)').press('Enter');
  await expect(page.getByTestId('billing-balance')).toHaveText('€14.25');
  const topup = ledger.getByRole('row').filter({ hasText: 'invoice 7' });
  await expect(topup).toContainText('€5.00');
  await expect(topup).toContainText('€14.25');
  await expect(topup).toContainText('owner');

  // an adjustment needs a reason
  await page.getByRole('button', { name: 'Adjustment' }).click();
  await page.getByLabel('Direction').selectOption('remove');
  await page.getByLabel('Amount (EUR)').fill('0.25');
  await page.getByRole('button', { name: 'Record adjustment' }).click();
  await expect(page.getByRole('alert')).toContainText('Say why');
  await page.getByLabel('Reason').fill('goodwill credit reversed');
  await page.getByRole('button', { name: 'Record adjustment' }).click();
  await expect(page.getByTestId('billing-balance')).toHaveText('€14.00');
  await shot('billing');

  // a slipped digit asks first, saying where the balance would go; cancelling moves nothing
  await page.getByLabel('Amount (EUR)').fill('99999999999');
  await page.getByLabel('Reason').fill('typo');
  await page.getByRole('button', { name: 'Record adjustment' }).click();
  const ask = page.getByRole('dialog', { name: /Take €99,999,999,999/ });
  await expect(ask).toContainText('below zero');
  await expect(ask).toContainText("calls' worth");
  await expect(ask).toContainText('€14.00');
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByTestId('billing-balance')).toHaveText('€14.00');
  await expect(ledger.getByRole('row').filter({ hasText: 'typo' })).toHaveCount(0);
  // a small one that stays above zero goes through as before, with no question
  await page.getByLabel('Amount (EUR)').fill('1');
  await page.getByLabel('Direction').selectOption('add');
  await page.getByRole('button', { name: 'Record adjustment' }).click();
  await expect(page.getByTestId('billing-balance')).toHaveText('€15.00');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export statement' }).click()]);
  const csv = await streamText(await download.createReadStream());
  const lines = csv.trim().split(/\r?\n/);
  // opening row, 3 charges + 1 opening top-up from the CLI + top-up + adjustment, closing row
  expect(lines[0]).toContain('kind');
  expect(csv).toContain('opening_balance');
  expect(csv).toContain('closing_balance');
  expect(lines.filter((l) => l.includes(',charge,'))).toHaveLength(3);
  expect(lines.find((l) => l.includes('closing_balance'))).toContain('15.00');
});

test('do-not-call: a listed number is marked complained, and a reset makes it dialable again', async ({ page, served }) => {
  await signIn(page, served.url, OWNER);
  await openPage(page, 'Numbers');
  const dnc = page.locator('.card').filter({ hasText: 'Do-not-call list' });
  await chooseFile(page, dnc, { name: 'dnc.txt', mimeType: 'text/plain', buffer: Buffer.from(`${PHONES[11]}\n+4930999999\n`) });
  await dnc.getByRole('button', { name: 'Import do-not-call list' }).click();
  await expect(page.getByTestId('dnc-report')).toContainText('1 marked do-not-call');
  await expect(page.getByTestId('pool-complained')).toHaveText(/^[12]$/);

  await page.getByLabel('Phone number').fill(PHONES[11]);
  await page.getByRole('button', { name: 'Look up' }).click();
  const result = page.getByTestId('lookup-result');
  await expect(result).toContainText('Complained');
  await result.getByRole('button', { name: 'Reset to active' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Set to active' }).click();
  await expect(result.locator('.badge').first()).toHaveText('Active');
});

test('a viewer sees the live numbers but changes nothing', async ({ page, served, shot }) => {
  await served.cli(['user', 'create', '--username', 'vera', '--role', 'viewer', '--company', 'acme', '--password', 'vera-password']);
  await signIn(page, served.url, { username: 'vera', password: 'vera-password' });
  await expect(page.locator('.kpis')).toContainText('5');
  await expect(page.getByRole('link', { name: 'Top up' })).toHaveCount(0);
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const hidden of ['Billing', 'API keys', 'Users']) await expect(nav.getByRole('link', { name: hidden })).toHaveCount(0);

  await openPage(page, 'Numbers');
  await expect(page.getByRole('button', { name: 'Import', exact: true })).toHaveCount(0);
  await page.getByLabel('Phone number').fill(PHONES[0]);
  await page.getByRole('button', { name: 'Look up' }).click();
  await expect(page.getByTestId('lookup-result')).toContainText('Already dialed by Acme');
  await expect(page.getByTestId('lookup-result').getByRole('table')).toContainText('Answered');
  await shot('numbers-lookup-viewer');

  await openPage(page, 'Schedule');
  await expect(page.getByText('You can see the hours')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save hours' })).toHaveCount(0);
  await expect(page.getByLabel('Monday window 1 opens')).toBeDisabled();
  await shot('schedule-viewer');
});

test('a burst of results costs the open dashboard a refetch or two, not one per result', async ({ page, served }) => {
  await signIn(page, served.url, OWNER);
  await expect(page.locator('.kpis')).toContainText('5');
  const auth = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
  const batch = (await (
    await fetch(`${served.url}/api/v1/dialer/next-batch?company=acme&size=6&dialer=room-2`, { headers: auth })
  ).json()) as {
    batch_id: string;
    numbers: { phone: string }[];
  };
  expect(batch.numbers).toHaveLength(6);
  let matrixCalls = 0;
  page.on('request', (r) => {
    if (r.url().endsWith('/rpc/invoke') && r.postData()?.includes('"stats.matrix"')) matrixCalls++;
  });
  const started_at = new Date().toISOString();
  await Promise.all(
    batch.numbers.map((n, i) =>
      fetch(`${served.url}/api/v1/dialer/report-result`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({
          company: 'acme',
          call_id: `burst-${i}`,
          phone: n.phone,
          batch_id: batch.batch_id,
          scenario: 'spring',
          status: 'NO_ANSWER',
          started_at,
          duration_s: 0,
        }),
      }).then((r) => expect(r.status).toBe(201)),
    ),
  );
  await expect(page.locator('.kpis')).toContainText('11');
  await page.waitForTimeout(1500);
  expect(matrixCalls).toBeGreaterThanOrEqual(1);
  expect(matrixCalls).toBeLessThanOrEqual(3);
});

test('a revoked key is refused by the port at once', async ({ page, served, shot }) => {
  await signIn(page, served.url, OWNER);
  await openPage(page, 'API keys');
  await page.getByRole('button', { name: 'Revoke dialer room 1' }).click();
  await expect(page.getByRole('dialog')).toContainText('cannot be undone');
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke key' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'dialer room 1' })).toContainText('Revoked');
  await shot('api-keys-revoked');
  const res = await fetch(`${served.url}/api/v1/dialer/next-batch?company=acme&size=1`, { headers: { authorization: `Bearer ${apiKey}` } });
  expect(res.status).toBe(401);

  // the audit log tells who did it, newest first, with the fields that changed
  await openPage(page, 'Audit log');
  const latest = page.locator('.audit-table tbody tr').first();
  await expect(latest).toContainText('owner');
  await expect(latest).toContainText('revoke');
  await latest.getByRole('button').click();
  await expect(latest.locator('.changes, .code')).toBeVisible();
  await shot('audit');
});
