import { test, expect } from './fixtures';
import { openPage, seedDesk, signIn, signOut } from './helpers';

const ADMIN = { username: 'acme-admin', password: 'admin-password-1' };
const SUPERVISOR = { username: 'acme-supervisor', password: 'supervisor-password-1' };
const MODEL_KEY = 'sk-company-key-abcd1234';
const WEBHOOK_SECRET = 'whsec-0123456789wxyz';
const JAMBONZ_KEY = 'jbz-rest-key-5678efgh';

test('a company admin sets the AI and Jambonz settings; keys come back only as set or not set', async ({ page, served, shot }) => {
  await seedDesk(served, [{ slug: 'acme', name: 'Acme', timezone: 'Europe/Berlin', currency: 'EUR' }]);
  for (const [who, role] of [
    [ADMIN, 'admin'],
    [SUPERVISOR, 'supervisor'],
  ] as const) {
    const made = await served.cli([
      'user',
      'create',
      '--username',
      who.username,
      '--role',
      role,
      '--company',
      'acme',
      '--password',
      who.password,
    ]);
    expect(made.exitCode, JSON.stringify(made)).toBe(0);
  }

  // a supervisor runs the inbound numbers but not the company's keys
  await signIn(page, served.url, SUPERVISOR);
  await openPage(page, 'Inbound numbers');
  await expect(
    page.getByRole('heading', { name: 'New inbound number' }).or(page.getByRole('button', { name: 'New inbound number' })),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: 'AI and Jambonz settings' })).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await signOut(page);

  await signIn(page, served.url, ADMIN);
  await openPage(page, 'Inbound numbers');
  const card = page.getByRole('form', { name: 'AI and Jambonz settings' });
  await expect(card.getByTestId('secret-webhookSecret')).toContainText('Not set');

  // bad input is refused on its field, and nothing is stored
  await card.getByLabel('Jambonz REST API URL').fill('jambonz.example.com');
  await card.getByLabel('Jambonz webhook secret').fill('short');
  await card.getByRole('button', { name: 'Save' }).click();
  await expect(card.getByLabel('Jambonz REST API URL')).toHaveAttribute('aria-invalid', 'true');
  await expect(card).toContainText('The Jambonz REST API is an http(s) URL');
  await expect(card.getByLabel('Jambonz webhook secret')).toHaveAttribute('aria-invalid', 'true');
  await card.getByLabel('AI price per started minute (EUR)').fill('lots');
  await card.getByRole('button', { name: 'Save' }).click();
  await expect(card).toContainText('Type an amount such as 0.50.');

  // leaving with changes asks first
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'AI agents', exact: true }).click();
  const ask = page.getByRole('dialog', { name: 'Leave without saving?' });
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Stay here' }).click();

  await card.getByLabel('Voice model').selectOption({ label: 'OpenAI' });
  await card.getByLabel('Model id').fill('gpt-4o-realtime-preview-2024-12-17');
  await card.getByLabel('Model API key').fill(MODEL_KEY);
  await card.getByLabel('Jambonz webhook secret').fill(WEBHOOK_SECRET);
  await card.getByLabel('Jambonz REST API URL').fill('https://jambonz.example.com/api/v1');
  await card.getByLabel('Jambonz REST API key').fill(JAMBONZ_KEY);
  await card.getByLabel('Record AI calls (kept by Jambonz)').check();
  await card.getByLabel('AI price per started minute (EUR)').fill('0.50');
  await card.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('AI and Jambonz settings saved')).toBeVisible();

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Inbound numbers', level: 1 })).toBeVisible();
  await expect(card.getByTestId('secret-llmApiKey')).toContainText('Set, ends in …1234');
  await expect(card.getByTestId('secret-webhookSecret')).toContainText('Set, ends in …wxyz');
  await expect(card.getByTestId('secret-jambonzApiKey')).toContainText('Set, ends in …efgh');
  await expect(card.getByLabel('Jambonz REST API URL')).toHaveValue('https://jambonz.example.com/api/v1');
  await expect(card.getByLabel('AI price per started minute (EUR)')).toHaveValue('0.50');
  await expect(card.getByLabel('Record AI calls (kept by Jambonz)')).toBeChecked();
  for (const field of ['Model API key', 'Jambonz webhook secret', 'Jambonz REST API key'])
    await expect(card.getByLabel(field, { exact: true })).toHaveValue('');
  const html = await page.content();
  for (const secret of [MODEL_KEY, WEBHOOK_SECRET, JAMBONZ_KEY]) expect(html).not.toContain(secret);
  await shot('inbound-ai-settings');

  // cleared, it stays cleared after a reload
  await card.getByRole('button', { name: 'Clear the Jambonz webhook secret' }).click();
  await expect(card.getByTestId('secret-webhookSecret')).toContainText('Not set');
  await page.reload();
  await expect(card.getByTestId('secret-webhookSecret')).toContainText('Not set');
  await expect(card.getByTestId('secret-jambonzApiKey')).toContainText('Set, ends in …efgh');

  // and the desk's command line sees the same settings, secrets as set or not set
  const shown = await served.cli(['inbound', 'settings', '--company', 'acme']);
  expect(shown.settings).toMatchObject({
    llmVendor: 'openai',
    aiCostPerMinute: 50,
    recordCalls: true,
    llmApiKey: { set: true, hint: '…1234' },
    webhookSecret: { set: false },
    jambonzApiKey: { set: true, hint: '…efgh' },
  });
  for (const secret of [MODEL_KEY, WEBHOOK_SECRET, JAMBONZ_KEY]) expect(JSON.stringify(shown)).not.toContain(secret);
});
