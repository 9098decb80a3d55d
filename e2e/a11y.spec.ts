import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './helpers';

test('organization and audit pages have no serious or critical accessibility violation', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, undefined, '/org/entities');
  const visit = async (path: string, ready: () => Promise<void>) => {
    await page.goto(path);
    await ready();
    await expectAccessible(page, path);
  };
  await visit('/org/entities', () => expect(page.getByTestId('entities-table').getByRole('row').nth(2)).toBeVisible());
  await visit('/org/countries', () => expect(page.getByTestId('countries-table').getByRole('row').nth(2)).toBeVisible());
  await visit('/org/locations', () => expect(page.getByTestId('locations-table').getByRole('link').first()).toBeVisible());
  await visit('/org/locations?view=map', () => expect(page.getByTestId('duty-station-map')).toHaveAttribute('data-rendered', /\d+/));
  await visit('/org/people', () => expect(page.getByTestId('people-table')).toHaveAttribute('data-ready', 'true'));
  const person = await page.getByTestId('people-table').getByRole('link').first().getAttribute('href');
  await visit(person!, () => expect(page.getByTestId('person-contacts')).toBeVisible());
  await visit('/org/teams', () => expect(page.getByTestId('teams-table').getByRole('link').first()).toBeVisible());
  const team = await page.getByTestId('teams-table').getByRole('link').first().getAttribute('href');
  await visit(team!, () => expect(page.getByTestId('team-members')).toBeVisible());
  const station = '/org/locations';
  await page.goto(station);
  await page.getByTestId('locations-table').getByRole('link').first().click();
  await expect(page.getByTestId('station-time')).toBeVisible();
  await expectAccessible(page, 'location page');
  await visit('/audit', () => expect(page.getByTestId('audit-table').getByRole('row').nth(1)).toBeVisible());
  // A form dialog too.
  await page.goto('/org/people');
  await page.getByRole('button', { name: 'New person' }).click();
  await expect(page.getByTestId('person-form').getByLabel('Given name')).toBeVisible();
  await expectAccessible(page, 'person form');
});

test('keyboard: the login form and the menu work without a mouse', async ({ page }) => {
  await page.goto('/login');
  await page.keyboard.press('Tab'); // language
  await page.getByLabel('Email').focus();
  await page.keyboard.type('admin@example.org');
  await page.keyboard.press('Tab');
  await page.keyboard.type((await import('./credentials')).ADMIN_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
  await page.getByRole('link', { name: 'People' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('People');
});
