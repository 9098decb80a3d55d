import { expect, type Locator, type Page, type APIRequestContext } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { ADMIN_PASSWORD } from './credentials';

export const ADMIN = { email: 'admin@example.org', password: ADMIN_PASSWORD };

/** Signs in through the login page and waits for the app shell. */
export async function signIn(page: Page, who = ADMIN, path = '/') {
  await page.goto(path);
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
}

/** Signs in on the API only (same cookie jar as the page) and returns the CSRF token. */
export async function apiSignIn(request: APIRequestContext, who = ADMIN): Promise<string> {
  const res = await request.post('/api/v1/auth/login', { data: who });
  expect(res.ok()).toBeTruthy();
  return (await res.json()).csrfToken as string;
}

/** Puts the admin back in English whatever a test did. */
export async function resetLanguage(request: APIRequestContext, who = ADMIN) {
  const csrf = await apiSignIn(request, who);
  await request.patch('/api/v1/auth/me', { data: { language: 'en' }, headers: { 'x-csrf-token': csrf } });
}

/** Picks an option of an antd Select reached by its accessible name. */
export async function choose(page: Page, scope: Locator, label: string, typed: string, option?: string | RegExp) {
  const box = scope.getByRole('combobox', { name: label, exact: true });
  await box.click();
  await box.fill(typed);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option ?? typed }).first().click();
}

/** The error antd shows under the form field with this label. */
export const fieldError = (page: Page, label: string) =>
  page.locator('.ant-form-item').filter({ has: page.getByLabel(label, { exact: true }) }).locator('.ant-form-item-explain-error');

/** axe-core on the current page: no serious or critical violation. */
export async function expectAccessible(page: Page, what: string) {
  await expect(page.locator('.ant-spin-blur, .ant-spin-spinning')).toHaveCount(0); // nothing half-faded
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')} ${n.any[0]?.message ?? ''}`).join('\n  ')}`).join('\n');
  if (bad.length) throw new Error(`${what}: accessibility violations\n${report}`);
}
