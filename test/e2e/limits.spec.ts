import { test, expect } from './fixtures';
import { OWNER, seedDesk, signIn } from './helpers';

test('settings: the site owner sets the HTTP port’s request limits, and the running port applies them', async ({ page, served, shot }) => {
  await seedDesk(served, []);
  await signIn(page, served.url, OWNER);
  await page.goto(`${served.url}/#/settings`);
  const limits = page.getByRole('form', { name: 'Request limits' });
  await expect(limits.getByLabel('Per API key (requests a minute)')).toHaveValue('30000');
  await expect(limits.getByLabel(/Per address without a valid key/)).toHaveValue('60');

  await limits.getByLabel('Per API key (requests a minute)').fill('0');
  await limits.getByRole('button', { name: 'Save request limits' }).click();
  await expect(limits.getByRole('alert')).toContainText('at least 1');

  await limits.getByLabel('Per API key (requests a minute)').fill('12000');
  await limits.getByLabel(/Per address without a valid key/).fill('2');
  await limits.getByRole('button', { name: 'Save request limits' }).click();
  await expect(page.getByText('Request limits saved')).toBeVisible();
  await shot('settings-limits');

  // no restart: the port reads the desk's limits within a second
  await page.waitForTimeout(1_100);
  const statuses: number[] = [];
  for (let i = 0; i < 3; i++) statuses.push((await fetch(`${served.url}/api/v1/dialer/next-batch?company=acme`)).status);
  expect(statuses).toEqual([401, 401, 429]);

  await page.reload();
  await expect(limits.getByLabel('Per API key (requests a minute)')).toHaveValue('12000');
  await expect(limits.getByLabel(/Per address without a valid key/)).toHaveValue('2');
});
