import { expect, test } from '@playwright/test';
import { choose, fieldError, signIn } from './helpers';

const NAME = `Tristan Station ${Date.now().toString(36)}`;
const LAT = -37.1052, LON = -12.2777; // South Atlantic: no other duty station near

test('create a duty station, find it on the map and in the table, see it in the audit log', async ({ page }) => {
  await signIn(page, undefined, '/org/locations');
  await page.getByTestId('create-location').click();
  const form = page.getByTestId('location-form');
  await form.getByLabel('Name').fill(NAME);
  await choose(page, form, 'Country', 'Saint Helena');
  await form.getByLabel('City').fill('Edinburgh of the Seven Seas');
  await form.getByLabel('Latitude').fill('95');
  await form.getByLabel('Longitude').fill(String(LON));
  await choose(page, form, 'Time zone', 'Atlantic/St_Helena');
  await form.getByRole('button', { name: 'Save' }).click();
  // The API's field message appears next to the field; what was typed stays.
  await expect(fieldError(page, 'Latitude')).toContainText('90');
  await expect(form.getByLabel('Name')).toHaveValue(NAME);
  await form.getByLabel('Latitude').fill(String(LAT));
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(NAME);
  await expect(page.getByTestId('station-time')).not.toBeEmpty();

  // In the table, by search.
  await page.goto('/org/locations');
  await page.getByTestId('locations-search').getByRole('searchbox').fill(NAME);
  await page.getByTestId('locations-search').getByRole('searchbox').press('Enter');
  await expect(page.getByTestId('locations-table').getByRole('link', { name: NAME })).toBeVisible();

  // On the map: the point at its coordinates opens it.
  await page.getByRole('tab', { name: 'Map of duty stations' }).click();
  const map = page.getByTestId('duty-station-map');
  await expect(map).toHaveAttribute('data-rendered', /\d+/);
  const xy = await map.evaluate((el, c) => (el as unknown as { __chart: { convertToPixel(f: object, v: number[]): number[] } }).__chart.convertToPixel({ seriesIndex: 0 }, c), [LON, LAT]);
  const box = (await map.boundingBox())!;
  await page.mouse.move(box.x + xy[0]!, box.y + xy[1]!);
  await expect(page.locator('body')).toContainText(`${NAME} (SH)`); // tooltip
  await page.mouse.click(box.x + xy[0]!, box.y + xy[1]!);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(NAME);

  // In the audit log, with the values recorded.
  await page.getByRole('link', { name: 'History of changes' }).click();
  const table = page.getByTestId('audit-table');
  await expect(table.getByText(`Location: ${NAME}`)).toBeVisible();
  await table.getByRole('button', { name: /expand/i }).first().click();
  const diff = page.getByTestId('audit-diff');
  await expect(diff).toContainText('Atlantic/St_Helena');
  await expect(diff).toContainText(String(LAT));
});

test('a network failure keeps what the user typed and says so', async ({ page }) => {
  await signIn(page, undefined, '/org/locations');
  await page.getByTestId('create-location').click();
  const form = page.getByTestId('location-form');
  await form.getByLabel('Name').fill('Offline Station');
  await choose(page, form, 'Country', 'Kenya');
  await page.route('**/api/v1/locations', (route) => (route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.continue()));
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('form-error')).toContainText('cannot be reached');
  await expect(form.getByLabel('Name')).toHaveValue('Offline Station');
  await page.unroute('**/api/v1/locations');
  await page.route('**/api/v1/locations', (route) => (route.request().method() === 'POST'
    ? route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: { code: 'internal', message: 'Internal server error' } }) })
    : route.continue()));
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('form-error')).toContainText('server had a problem');
  await expect(form.getByLabel('Name')).toHaveValue('Offline Station');
});
