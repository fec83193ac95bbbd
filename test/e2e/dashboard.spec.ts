import { test, expect } from './fixtures';
import { OWNER, seedDesk, signIn } from './helpers';

test.describe.configure({ mode: 'serial' });

test('dashboard: an empty day, the range picker and the row switch keep their place in the address', async ({ page, served, shot }) => {
  await seedDesk(served, [{ slug: 'acme', name: 'Acme', timezone: 'Europe/Berlin', currency: 'EUR', costPerBillable: 25, balance: 1000 }]);
  await signIn(page, served.url, OWNER);
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No calls in this range' })).toBeVisible();
  await expect(page.getByTestId('wallet-balance')).toHaveText('€10.00');
  await page.getByRole('button', { name: 'Last 7 days' }).click();
  await expect(page).toHaveURL(/range=last7/);
  await page.getByRole('button', { name: 'Outbound line' }).click();
  await expect(page).toHaveURL(/by=line/);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Last 7 days' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('button', { name: 'Outbound line' })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'Custom' }).click();
  await page.getByLabel('From').fill('2026-01-01');
  await page.getByLabel('To').fill('2026-01-31');
  await page.getByLabel('To').press('Enter');
  await expect(page).toHaveURL(/range=custom&from=2026-01-01&to=2026-01-31/);
  await expect(page.getByText('2026-01-01 – 2026-01-31')).toBeVisible();
  await shot('dashboard-empty');
});
