import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures';
import { OWNER, chooseFile, openPage, seedDesk, signIn } from './helpers';

test.describe.configure({ mode: 'serial' });

const ROWS = 40_000;
const bigList = () => ['phone', ...Array.from({ length: ROWS }, (_, i) => `+4930${String(55500000 + i)}`)].join('\n') + '\n';

test('a large list is uploaded with a moving bar, then imported with its report', async ({ page, served, shot }) => {
  await seedDesk(served, [{ slug: 'acme', name: 'Acme', timezone: 'Europe/Berlin', currency: 'EUR' }]);
  await signIn(page, served.url, OWNER);
  await openPage(page, 'Numbers');
  const card = page.locator('.card').filter({ hasText: 'Import numbers' });

  // a slow link, so the upload takes long enough to be watched (Chromium's own network throttling)
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 64 * 1024 });

  const file = Buffer.from(bigList());
  const chooser = page.waitForEvent('filechooser');
  await card.getByRole('button', { name: 'Choose file…' }).click();
  await (await chooser).setFiles({ name: 'berlin.csv', mimeType: 'text/csv', buffer: file });
  const bar = card.getByRole('progressbar', { name: 'Upload of berlin.csv' });
  await expect(bar).toBeVisible();
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 20_000 }).toBeGreaterThan(5);
  await expect(card).toContainText(/Uploading berlin\.csv… [\d.]+ KB of 546\.9 KB/);
  await shot('numbers-uploading');
  expect(Number(await bar.getAttribute('aria-valuenow'))).toBeLessThan(100);
  await expect(card.getByText('ready to import')).toBeVisible({ timeout: 30_000 });
  await expect(bar).toHaveCount(0);
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

  // waiting on the server: the copy, until the import takes it
  expect(readdirSync(join(served.dataDir, 'uploads'))).toHaveLength(1);
  await card.getByRole('button', { name: 'Import', exact: true }).click();
  const report = page.getByTestId('numbers-report');
  await expect(report).toContainText(`berlin.csv: ${ROWS.toLocaleString('en-US')} rows`);
  await expect(report).toContainText(`${ROWS.toLocaleString('en-US')} added, 0 already known · 0 rejected`);
  await expect(page.getByTestId('numbers-file')).toHaveText('No file chosen');
  await expect(page.getByTestId('pool-active')).toHaveText(ROWS.toLocaleString('en-US'));
  expect(readdirSync(join(served.dataDir, 'uploads'))).toEqual([]);
  await shot('numbers-imported-upload');
});

test('a spreadsheet instead of a text list is refused with a sentence, and the pool is untouched', async ({ page, served }) => {
  await signIn(page, served.url, OWNER);
  await openPage(page, 'Numbers');
  const card = page.locator('.card').filter({ hasText: 'Import numbers' });
  const xlsx = Buffer.concat([Buffer.from('PK\u0003\u0004\u0014\u0000\u0006\u0000'), randomBytes(20_000)]);
  await chooseFile(page, card, {
    name: 'leads.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: xlsx,
  });
  await card.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(card.getByRole('alert')).toContainText('Leads.xlsx is not a text list');
  await expect(page.getByTestId('numbers-file')).toHaveText('No file chosen');
  await expect(card.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();
  await expect(page.getByTestId('pool-active')).toHaveText(ROWS.toLocaleString('en-US'));
  expect(readdirSync(join(served.dataDir, 'uploads'))).toEqual([]);
});

test('settings: the backup folder is shown, and under serve it is set on the server', async ({ page, served, shot }) => {
  await signIn(page, served.url, OWNER);
  await page.goto(`${served.url}/#/settings`);
  const backups = page.locator('.card').filter({ hasText: 'Backups' });
  await expect(backups.getByTestId('backup-folder')).toHaveText('Not set');
  await expect(backups).toContainText('dialdesk serve --backup-dir DIR');
  await expect(backups.getByRole('button', { name: 'Choose folder…' })).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Backup folder' })).toHaveCount(0); // no box a path could be typed into
  await shot('settings-backups');
});
