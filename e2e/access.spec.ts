import { expect, test } from '@playwright/test';
import { apiSignIn, signIn } from './helpers';

const STAFF = { email: `staff-${Date.now()}@example.org`, password: 'Staff-user-password-1' };

test.beforeAll(async ({ request }) => {
  const csrf = await apiSignIn(request);
  const res = await request.post('/api/v1/users', {
    headers: { 'x-csrf-token': csrf },
    data: { email: STAFF.email, displayName: 'Sam Staff', password: STAFF.password, grants: [{ role: 'staff', scopeType: 'org', scopeId: null }] },
  });
  expect(res.status(), await res.text()).toBe(201);
});

test('a staff user sees only what the role may open and cannot open the Audit page', async ({ page }) => {
  await signIn(page, STAFF);
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await expect(page.getByTestId('user-scope')).toContainText('Staff');
  await expect(nav.getByRole('link', { name: 'Locations' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Audit' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'People' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Risk' })).toHaveCount(0);
  await page.goto('/audit');
  await expect(page.getByTestId('forbidden')).toBeVisible();
  // Reference data is readable, without the buttons that change it.
  await page.goto('/org/locations');
  await expect(page.getByTestId('locations-table')).toBeVisible();
  await expect(page.getByTestId('create-location')).toHaveCount(0);
});
