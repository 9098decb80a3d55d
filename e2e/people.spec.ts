import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

test('people: server-side search and a person with contacts and teams', async ({ page }) => {
  await signIn(page, undefined, '/org/people');
  const table = page.getByTestId('people-table');
  await expect(table).toHaveAttribute('data-ready', 'true');
  await expect(page.getByText(/300 in total/)).toBeVisible();
  const first = table.getByRole('link').first();
  const name = (await first.textContent())!;
  const family = name.split(',')[0]!;
  await page.getByTestId('people-search').getByRole('searchbox').fill(family);
  await page.getByTestId('people-search').getByRole('searchbox').press('Enter');
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(family)}`));
  await expect(table).toHaveAttribute('data-q', family);
  await expect(table.getByRole('link').first()).toContainText(family);
  await table.getByRole('link').first().click();
  await expect(page.getByTestId('person-contacts')).toBeVisible();
  await expect(page.getByTestId('person-contacts')).toContainText('@');
  await expect(page.getByTestId('person-teams')).toBeVisible();
});

test('CSV import with one bad row shows the per-row report and imports nothing', async ({ page }) => {
  await signIn(page, undefined, '/org/people');
  await page.getByRole('button', { name: 'Import CSV' }).click();
  const csv = 'external_id,kind,given_name,family_name,entity_code,email\n'
    + 'E2E-OK-1,staff,Ada,Lovelace,UNON,ada@example.org\n'
    + 'E2E-BAD-2,staff,Bad,Row,NOPE,not-an-email\n';
  await page.getByTestId('csv-file').setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByTestId('csv-run').click();
  const report = page.getByTestId('csv-errors');
  await expect(report).toContainText('1 row(s) are invalid');
  await expect(report.getByRole('row').filter({ hasText: 'entity_code' })).toContainText('3');
  await expect(report.getByRole('row').filter({ hasText: 'email' })).toContainText('Not a valid email address');
  await page.getByRole('dialog').getByRole('button', { name: 'Close', exact: true }).last().click();
  await page.getByTestId('people-search').getByRole('searchbox').fill('Lovelace');
  await page.getByTestId('people-search').getByRole('searchbox').press('Enter');
  await expect(page.getByText('Nobody matches “Lovelace”')).toBeVisible();
});
