import { expect, test } from '@playwright/test';
import { ADMIN, signIn } from './helpers';

test('signing in leads to the app, with the user and scope in the top bar', async ({ page }) => {
  await signIn(page);
  await expect(page).toHaveURL(/\/org\/locations/);
  await expect(page.getByTestId('user-menu')).toContainText('ORMS administrator');
  await expect(page.getByTestId('user-scope')).toContainText('Whole organization');
  for (const area of ['Organization', 'Risk', 'Security', 'Continuity', 'ICT recovery', 'Plans', 'Exercises', 'Incidents', 'Notifications', 'Travel', 'Dashboard', 'Audit']) {
    await expect(page.getByRole('navigation', { name: 'Main navigation' }).getByText(area, { exact: true })).toBeVisible();
  }
  // An area that a later issue fills says so instead of faking a page.
  await page.getByRole('link', { name: 'Incidents' }).click();
  await expect(page.getByTestId('area-empty')).toContainText('not available yet');
});

test('a wrong password is refused with a clear message', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('login-error')).toContainText('not correct');
});

test('an expired session goes back to the login page, then back to where the user was', async ({ page, context }) => {
  await signIn(page);
  await page.goto('/org/teams?q=Crisis');
  await expect(page.getByTestId('teams-table').getByRole('link').first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  await context.clearCookies(); // the session ends
  await page.getByRole('link', { name: 'People' }).click();
  await expect(page).toHaveURL(/\/login\?next=%2Forg%2Fpeople/);
  await expect(page.getByText('Your session has ended')).toBeVisible();
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/org\/people$/);
  await expect(page.getByRole('heading', { name: 'People', level: 1 })).toBeVisible();
});

test('signing out ends the session', async ({ page }) => {
  await signIn(page);
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto('/audit');
  await expect(page).toHaveURL(/\/login\?next=%2Faudit/);
});
