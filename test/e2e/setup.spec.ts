import { test, expect } from './fixtures';
import { OWNER, openPage, seedDesk, signIn, signOut } from './helpers';

test.describe.configure({ mode: 'serial' });

test('scenarios, outbound lines and agents: add, edit, deactivate', async ({ page, served, shot }) => {
  await seedDesk(served, [{ slug: 'acme', name: 'Acme', timezone: 'Europe/Berlin', currency: 'EUR' }]);
  await signIn(page, served.url, OWNER);

  await openPage(page, 'Scenarios');
  await expect(page.getByRole('heading', { name: 'No scenarios yet' })).toBeVisible();
  await shot('scenarios-empty');
  await page.getByRole('button', { name: 'New scenario' }).click();
  let dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill('Summer sale');
  await dialog.getByLabel('Key').fill('Bad Key!');
  await dialog.getByRole('button', { name: 'Add scenario' }).click();
  await expect(dialog.getByRole('alert')).toContainText('scenario key');
  await dialog.getByLabel('Key').fill('summer_sale');
  await dialog.getByLabel('Description').fill('Existing customers, upsell the summer plan');
  await dialog.getByRole('button', { name: 'Add scenario' }).click();
  const sale = page.getByRole('row').filter({ hasText: 'Summer sale' });
  await expect(sale).toContainText('summer_sale');
  await expect(sale).toContainText('Active');
  await page.getByRole('button', { name: 'Deactivate Summer sale' }).click();
  await expect(sale).toContainText('Inactive');
  await expect(page.getByText('No scenario is active')).toBeVisible();
  await page.getByRole('button', { name: 'Activate Summer sale' }).click();
  await expect(sale).toContainText('Active');
  await page.getByRole('button', { name: 'Edit Summer sale' }).click();
  await expect(page.getByRole('dialog').getByLabel('Key')).toBeDisabled();
  await page.getByRole('dialog').getByLabel('Name').fill('Summer sale 2');
  await page.getByRole('dialog').getByLabel('Name').press('Enter');
  await expect(page.getByRole('row').filter({ hasText: 'Summer sale 2' })).toBeVisible();
  await shot('scenarios');

  await openPage(page, 'Outbound lines');
  await page.getByRole('button', { name: 'New line' }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill('Berlin trunk');
  await dialog.getByLabel('Phone number').fill('12');
  await dialog.getByRole('button', { name: 'Add line' }).click();
  await expect(dialog.getByRole('alert')).toBeVisible();
  await dialog.getByLabel('Phone number').fill('030 1234567');
  await dialog.getByLabel('Country (if national)').fill('DE');
  await dialog.getByRole('button', { name: 'Add line' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'Berlin trunk' })).toContainText('+49301234567');
  await shot('lines');

  await openPage(page, 'Agents');
  for (const [name, ext, type] of [
    ['Anna', '1001', 'Outbound'],
    ['Ben', 'sip:ben@pbx.local', 'Inbound'],
  ]) {
    await page.getByRole('button', { name: 'New agent' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByLabel('Extension').fill(ext);
    await dialog.getByLabel('Type').selectOption({ label: type });
    await dialog.getByRole('button', { name: 'Add agent' }).click();
    await expect(page.getByRole('row').filter({ hasText: name })).toContainText(type);
  }
  await page.getByRole('button', { name: 'Inbound', exact: true }).click();
  await expect(page.getByRole('row').filter({ hasText: 'Anna' })).toHaveCount(0);
  await expect(page.getByRole('row').filter({ hasText: 'Ben' })).toBeVisible();
  await page.getByRole('button', { name: 'All', exact: true }).click();
  await shot('agents');
  await signOut(page);
});

test('keyboard: dialogs keep focus inside, close on Escape and give focus back; forms submit on Enter', async ({ page, served }) => {
  await signIn(page, served.url, OWNER);
  await openPage(page, 'Agents');
  const opener = page.getByRole('button', { name: 'New agent' });
  await opener.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByLabel('Name')).toBeFocused();
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((d) => d.contains(d.ownerDocument.activeElement))).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(opener).toBeFocused();

  await page.keyboard.press('Enter');
  await page.keyboard.type('Cara');
  await page.keyboard.press('Tab');
  await page.keyboard.type('1003');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('row').filter({ hasText: 'Cara' })).toContainText('1003');
});

test('a viewer sees the setup but cannot change it', async ({ page, served, shot }) => {
  await served.cli(['user', 'create', '--username', 'vera', '--role', 'viewer', '--company', 'acme', '--password', 'vera-password']);
  await signIn(page, served.url, { username: 'vera', password: 'vera-password' });
  await openPage(page, 'Scenarios');
  await expect(page.getByRole('row').filter({ hasText: 'Summer sale 2' })).toBeVisible();
  await expect(page.getByRole('button', { name: /New scenario|Edit|Deactivate/ })).toHaveCount(0);
  await openPage(page, 'Outbound lines');
  await expect(page.getByRole('row').filter({ hasText: 'Berlin trunk' })).toBeVisible();
  await expect(page.getByRole('button', { name: /New line|Edit|Deactivate/ })).toHaveCount(0);
  await openPage(page, 'Agents');
  await expect(page.getByRole('button', { name: /New agent|Edit|Deactivate/ })).toHaveCount(0);
  await shot('agents-viewer');
});

test('a supervisor runs the dialing setup but sees no money, users or keys', async ({ page, served }) => {
  await served.cli(['user', 'create', '--username', 'sam', '--role', 'supervisor', '--company', 'acme', '--password', 'sam-password']);
  await signIn(page, served.url, { username: 'sam', password: 'sam-password' });
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const hidden of ['Billing', 'API keys', 'Users', 'Audit log']) await expect(nav.getByRole('link', { name: hidden })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Top up' })).toHaveCount(0);
  await openPage(page, 'Scenarios');
  await page.getByRole('button', { name: 'New scenario' }).click();
  await page.getByRole('dialog').getByLabel('Name').fill('Winback');
  await page.getByRole('dialog').getByLabel('Key').fill('winback');
  await page.getByRole('dialog').getByLabel('Key').press('Enter');
  await expect(page.getByRole('row').filter({ hasText: 'Winback' })).toContainText('Active');
  // typing a hidden page's address says why instead of showing it
  await page.goto(`${served.url}/#/billing`);
  await expect(page.getByRole('heading', { name: 'Not available to your role' })).toBeVisible();
});

test('a company file exported here imports as a second company with its setup', async ({ page, served, shot }) => {
  await signIn(page, served.url, OWNER);
  await openPage(page, 'Companies');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Acme' }).click()]);
  const file = await download.path();
  await page.getByRole('button', { name: 'Import company file' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Company file').setInputFiles(file);
  // the file's slug is taken here: the refusal says so and nothing is added
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog.getByRole('alert')).toContainText('acme');
  await dialog.getByLabel('Slug here (optional)').fill('acme-copy');
  // a new slug alone is not enough: the copy would show as a second "Acme" in the switcher
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog.getByRole('alert')).toContainText('name');
  await dialog.getByLabel('Name here (optional)').fill('Acme copy');
  await dialog.getByRole('button', { name: 'Import' }).click();
  const copy = page.getByRole('row').filter({ hasText: 'acme-copy' });
  await expect(copy).toBeVisible();
  await shot('companies-imported');
  await copy.getByRole('button', { name: 'Switch to' }).click();
  await openPage(page, 'Scenarios');
  await expect(page.getByRole('row').filter({ hasText: 'Summer sale 2' })).toBeVisible();
  await openPage(page, 'Agents');
  await expect(page.getByRole('row').filter({ hasText: 'Cara' })).toBeVisible();
});
