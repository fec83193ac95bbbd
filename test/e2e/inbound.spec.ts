import { test, expect } from './fixtures';
import { OWNER, openPage, seedDesk, signIn } from './helpers';

test('AI agent and inbound number, with a preview of what the telephony server receives', async ({ page, served, shot }) => {
  await seedDesk(served, [{ slug: 'acme', name: 'Acme', timezone: 'Europe/Berlin', currency: 'EUR' }]);
  await signIn(page, served.url, OWNER);

  await openPage(page, 'AI agents');
  await expect(page.getByRole('heading', { name: 'No AI agents yet' })).toBeVisible();
  await page.getByRole('button', { name: 'New AI agent' }).click();
  let dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill('Hotline Hanna');
  await dialog.getByLabel('Language').fill('de-DE');
  await dialog.getByLabel('Temperature').fill('3');
  await dialog.getByLabel('System prompt').fill('You are Hanna, the friendly hotline of Acme. Offer Sales for new orders.');
  await dialog.getByLabel('Greeting').fill('Hallo, hier ist Acme!');
  await dialog.getByRole('button', { name: 'Add AI agent' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Temperature');
  await dialog.getByLabel('Temperature').fill('0.4');
  await dialog.getByRole('button', { name: 'Add AI agent' }).click();
  await expect(page.getByRole('heading', { name: 'Hotline Hanna' })).toBeVisible();

  await openPage(page, 'Inbound numbers');
  await page.getByRole('button', { name: 'New inbound number' }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByLabel('Phone number (DID)').fill('+49 30 5550100');
  await dialog.getByLabel('Display name').fill('Acme hotline');
  await dialog.getByLabel('AI agent').selectOption({ label: 'Hotline Hanna' });
  await dialog.getByLabel('Support number').fill('+49 30 5550199');
  await dialog.getByRole('button', { name: 'Add department' }).click();
  await dialog.getByLabel('Department 1 name').fill('Sales');
  await dialog.getByLabel('Department 1 transfer number').fill('+49 30 5550111');
  await dialog.getByLabel('Department 1 description').fill('new orders');
  await dialog.getByRole('button', { name: 'Add number' }).click();
  const row = page.getByRole('row').filter({ hasText: '+493055501' + '00' });
  await expect(row).toContainText('Hotline Hanna');
  await expect(row).toContainText('Sales');
  await shot('inbound-numbers');

  await page.getByRole('button', { name: 'Preview +49305550100' }).click();
  dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('inbound-warnings')).toContainText('AI agents cannot answer');
  const json = dialog.getByTestId('preview-json');
  await expect(json).toContainText('"system_prompt": "You are Hanna');
  await expect(json).toContainText('"transfer_number": "+49305550111"');
  await shot('inbound-preview');
  await dialog.getByRole('tab', { name: 'Call verbs · closed' }).click();
  await expect(json).toContainText('"verb"');
  await page.keyboard.press('Escape');

  // the agent answers a number but no model key is set: it cannot run, and the page says so
  await openPage(page, 'AI agents');
  await expect(page.getByRole('button', { name: 'Preview +49305550100' })).toBeVisible();
  const warnings = page.getByTestId('inbound-warnings');
  await expect(warnings).toContainText('No openai API key is set');
  await shot('ai-agents');
  const card = page.locator('form').filter({ has: page.getByLabel('API key') });
  await card.getByLabel('API key').fill('sk-e2e-0123456789');
  await card.getByRole('button', { name: 'Save' }).click();
  // what is left: departments without Jambonz's REST API are given out as numbers, not transferred
  await expect(warnings).not.toContainText('API key is set');
  await expect(warnings).toContainText("Jambonz's REST API");
  await expect(card.getByLabel('API key')).toHaveAttribute('placeholder', 'set, ends in …6789');
});
