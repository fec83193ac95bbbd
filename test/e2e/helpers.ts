import type { Locator, Page } from '@playwright/test';
import { expect, type Served } from './fixtures';

export const OWNER = { username: 'owner', password: 'owner-password-1' };

/**
 * A desk with a site owner and the given companies, made through the CLI (the same core the console
 * uses), so a test can start at the page it is about.
 */
export async function seedDesk(
  served: Served,
  companies: { slug: string; name: string; timezone?: string; currency?: string; costPerBillable?: number; balance?: number }[],
) {
  const owner = await served.cli(['user', 'create', '--username', OWNER.username, '--role', 'superuser', '--password', OWNER.password]);
  expect(owner.exitCode, JSON.stringify(owner)).toBe(0);
  for (const c of companies) {
    const args = ['company', 'create', '--slug', c.slug, '--name', c.name];
    if (c.timezone) args.push('--timezone', c.timezone);
    if (c.currency) args.push('--currency', c.currency);
    if (c.costPerBillable !== undefined) args.push('--cost-per-billable', String(c.costPerBillable));
    if (c.balance !== undefined) args.push('--balance', String(c.balance));
    const made = await served.cli(args);
    expect(made.exitCode, JSON.stringify(made)).toBe(0);
  }
}

export async function signIn(page: Page, url: string, who: { username: string; password: string }) {
  await page.goto(url);
  await page.getByLabel('Username').fill(who.username);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
}

export async function signOut(page: Page) {
  await page.locator('.user-button').click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
}

/** Opens a page from the sidebar, as a person would. */
export async function openPage(page: Page, label: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label, exact: true }).click();
  await expect(page.getByRole('heading', { name: label, level: 1 })).toBeVisible();
}

/**
 * Picks a file with a card's "Choose file…" button, as a person does in the browser's file picker,
 * and waits until the page has uploaded it and shows it ready.
 */
export async function chooseFile(page: Page, card: Locator, file: { name: string; mimeType: string; buffer: Buffer }) {
  const chooser = page.waitForEvent('filechooser');
  await card.getByRole('button', { name: 'Choose file…' }).click();
  await (await chooser).setFiles(file);
  await expect(card.getByText('ready to import')).toBeVisible();
}
