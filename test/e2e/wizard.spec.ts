import { test, expect } from './fixtures';
import { OWNER, openPage, seedDesk, signIn } from './helpers';

test.describe.configure({ mode: 'serial' });

test('the new-company wizard sets a company up in one go and shows its dialer key once', async ({ page, served, shot }) => {
  await seedDesk(served, []);
  await signIn(page, served.url, OWNER);
  await expect(page.getByRole('heading', { name: 'No companies yet' })).toBeVisible();
  await page.getByRole('button', { name: 'Set up the first company' }).click();
  await expect(page.getByRole('heading', { name: 'New company', level: 1 })).toBeVisible();

  // step 1: a name is required before moving on; the slug follows the name
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('alert')).toContainText('Give the company a name');
  await page.getByLabel('Company name').fill('Zenith Calls');
  await expect(page.getByLabel('Slug')).toHaveValue('zenith-calls');
  await shot('wizard-company');
  await page.getByLabel('Company name').press('Enter');

  // step 2
  await page.getByLabel('Time zone').selectOption('Asia/Tehran');
  await page.getByLabel('Currency').fill('EUR');
  await page.getByRole('button', { name: 'Next' }).click();

  // step 3: weekday hours are prefilled; add a holiday
  await expect(page.getByLabel('Monday window 1 opens')).toHaveValue('09:00');
  await page.getByLabel('Date').fill('2026-12-25');
  await page.getByLabel('Note').fill('Christmas');
  await page.getByRole('button', { name: 'Add exception' }).click();
  await expect(page.getByRole('row').filter({ hasText: '2026-12-25' })).toContainText('Closed all day');
  await shot('wizard-hours');
  await page.getByRole('button', { name: 'Next' }).click();

  // step 4
  await page.getByLabel('Price per billable call (EUR)').fill('0.40');
  await page.getByLabel('Opening balance (EUR)').fill('100');
  await page.getByLabel('Low-balance warning below (EUR)').fill('20');
  await page.getByRole('button', { name: 'Next' }).click();

  // step 5: a half-filled row is caught here, not by the server
  await page.getByLabel('Line 1 name').fill('Berlin trunk');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('alert')).toContainText('phone number and a name');
  await page.getByLabel('Line 1 phone').fill('+49 30 1234567');
  await page.getByLabel('Scenario 1 name').fill('Launch');
  await page.getByLabel('Scenario 1 key').fill('launch');
  await shot('wizard-setup');
  await page.getByRole('button', { name: 'Next' }).click();

  // step 6: keep the dialer key; step 7: review
  await page.getByRole('button', { name: 'Next' }).click();
  const review = page.locator('.review');
  await expect(review).toContainText('Zenith Calls (zenith-calls)');
  await expect(review).toContainText('Asia/Tehran · EUR');
  await expect(review).toContainText('€0.40 per billable call');
  await expect(review).toContainText('2026-12-25');
  await shot('wizard-review');
  await page.getByRole('button', { name: 'Create company' }).click();

  await expect(page.getByRole('heading', { name: 'Zenith Calls is ready' })).toBeVisible();
  const key = (await page.getByTestId('wizard-key').textContent()) ?? '';
  expect(key.length).toBeGreaterThan(20);
  await shot('wizard-done');
  await page.getByRole('button', { name: 'Open the dashboard' }).click();
  await expect(page.getByTestId('wallet-balance')).toHaveText('€100.00');
  await expect(page.locator('.topbar')).toContainText('Zenith Calls');

  // everything landed: the key works on the port, the scenario, line and hours are there
  const res = await fetch(`${served.url}/api/v1/dialer/next-batch?company=zenith-calls&size=1`, {
    headers: { authorization: `Bearer ${key}` },
  });
  expect(res.status).toBe(200);
  await openPage(page, 'Scenarios');
  await expect(page.getByRole('row').filter({ hasText: 'Launch' })).toContainText('launch');
  await openPage(page, 'Outbound lines');
  await expect(page.getByRole('row').filter({ hasText: 'Berlin trunk' })).toContainText('+49301234567');
  await openPage(page, 'Schedule');
  await expect(page.getByLabel('Friday window 1 closes')).toHaveValue('18:00');
  await expect(page.getByRole('row').filter({ hasText: '2026-12-25' })).toContainText('Christmas');
});
