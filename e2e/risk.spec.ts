import { expect, test, type Locator, type Page } from '@playwright/test';
import { choose, expectAccessible, fieldError, signIn } from './helpers';

/** Picks an option of a non-searchable antd Select by its label. */
async function pick(page: Page, scope: Locator, label: string, option: string | RegExp) {
  await scope.getByRole('combobox', { name: label, exact: true }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
}

const TITLE = `E2E flooding of the server room ${Date.now()}`;

test('risk register: create a rated risk, see it listed and on the heat map', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, undefined, '/risk/register');
  const table = page.getByTestId('risks-table');
  await expect(table).toHaveAttribute('data-ready', 'true');
  await expect(table.getByRole('link').first()).toBeVisible();
  await expectAccessible(page, 'risk register');
  // Sorted on the server: worst residual first, then back to the default order.
  await table.getByRole('columnheader', { name: 'Residual' }).click();
  await expect(page).toHaveURL(/sort=residual/);
  await expect(table).toHaveAttribute('data-ready', 'true');
  await expect(table.locator('.ant-spin-blur, .ant-spin-spinning')).toHaveCount(0); // a click while loading would be lost
  await expect(table.getByRole('row').nth(1).locator('[data-band]').nth(1)).toHaveAttribute('data-band', 'very_low');
  await table.getByRole('columnheader', { name: 'Residual' }).click();
  await expect(page).toHaveURL(/sort=-residual/);
  await expect(table).toHaveAttribute('data-ready', 'true');
  await expect(table.getByRole('row').nth(1).locator('[data-band]').nth(1)).toHaveAttribute('data-band', /unacceptable|very_high/);
  await expect(table.locator('.ant-spin-blur, .ant-spin-spinning')).toHaveCount(0);
  await table.getByRole('columnheader', { name: 'Residual' }).click();
  await expect(table).toHaveAttribute('data-ready', 'true');
  await expect(page).not.toHaveURL(/sort=/);

  await page.getByRole('button', { name: 'New risk' }).click();
  const form = page.getByTestId('risk-form');
  await form.getByLabel('Title').fill(TITLE);
  await pick(page, form, 'Components', 'ICT disaster recovery');
  await form.getByLabel('Title').click();
  await pick(page, form, 'Inherent likelihood', /^4 — /);
  await pick(page, form, 'Inherent impact', /^5 — /);
  await pick(page, form, 'Residual likelihood', /^2 — /);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(fieldError(page, 'Residual impact')).toContainText('Give both likelihood and impact');
  await pick(page, form, 'Residual impact', /^3 — /);
  // Neither entity nor duty station: the API's field message shows next to the field.
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(fieldError(page, 'Entity')).toContainText('Give an entity');
  await choose(page, form, 'Entity', 'UNON');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(form).toBeHidden();
  const row = table.getByRole('row').filter({ hasText: TITLE });
  await expect(row).toBeVisible();
  await expect(row.locator('[data-band="very_high"]')).toBeVisible();
  await expect(row.locator('[data-band="low"]')).toBeVisible();


  // The risk's page: add a treatment already past its due date; it shows as overdue.
  await row.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE);
  await expect(page.getByTestId('risk-ratings').getByRole('row').filter({ hasText: 'Inherent' })).toContainText('Very high');
  await page.getByRole('button', { name: 'Add treatment' }).click();
  const tForm = page.getByTestId('treatment-form');
  await tForm.getByLabel('Action').fill('Move the servers upstairs');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(tForm.locator('.ant-form-item-explain-error')).toContainText('Required');
  await choose(page, tForm, 'Owner', 'a', /./);
  await tForm.getByLabel('Due date').fill('2026-01-10');
  await tForm.getByLabel('Due date').press('Enter'); // takes the date and submits the form
  await expect(tForm).toBeHidden();
  const treatments = page.getByTestId('risk-treatments');
  const treatment = treatments.getByRole('row').filter({ hasText: 'Move the servers upstairs' });
  await expect(treatment.getByTestId('treatment-overdue')).toBeVisible();
  await expectAccessible(page, 'risk page');
  await pick(page, treatment, 'Status: Move the servers upstairs', 'Done');
  await expect(treatment.getByTestId('treatment-overdue')).toHaveCount(0);
  await page.goto('/risk/treatments');
  await expect(page.getByTestId('treatments-table').getByRole('row').nth(1).getByTestId('treatment-overdue')).toBeVisible();
  await expectAccessible(page, 'treatment tracker');

  await page.goto('/risk');
  await expect(page.getByTestId('risk-heatmap')).toHaveAttribute('data-rendered', /\d+/);
  await expectAccessible(page, 'risk heat map');
  // A band of the legend opens the register on that residual band.
  await page.getByTestId('band-link-low').click();
  await expect(page).toHaveURL(/\/risk\/register\?band=low/);
  await expect(page.getByTestId('risks-table')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('risks-table').getByRole('row').nth(1).locator('[data-band]').nth(1)).toHaveAttribute('data-band', 'low');
  await page.goto('/risk');
  await page.locator('.ant-segmented-item').filter({ hasText: 'Inherent' }).click();
  await expect(page).toHaveURL(/kind=inherent/);
  await expect(page.getByTestId('risk-heatmap')).toHaveAttribute('data-rendered', /\d+/);
});

test('security: an area with its level, SRA and the acceptable-risk verdicts; setting a level', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, undefined, '/security');
  const areas = page.getByTestId('security-areas');
  await expect(areas).toHaveAttribute('data-ready', 'true');
  await expect(areas.locator('[data-level]').first()).toBeVisible();
  await expectAccessible(page, 'security areas');
  await areas.getByRole('link').first().click();
  await expect(page.getByTestId('level-history').getByRole('row').nth(1)).toBeVisible();
  await expect(page.getByTestId('area-sras')).toBeVisible();
  const verdicts = page.getByTestId('acceptable-risk');
  await expect(verdicts.getByRole('row').nth(1)).toBeVisible();
  await expect(verdicts).toContainText(/programmes in the country/);
  await expectAccessible(page, 'security area');

  // A threat assessment: the highest category level is proposed for the area.
  await page.getByRole('button', { name: 'Add a threat assessment' }).click();
  const threat = page.getByTestId('threat-form');
  await pick(page, threat, 'Terrorism', /^4 — /);
  await pick(page, threat, 'Crime', /^2 — /);
  await threat.getByLabel('Summary').fill('E2E threat picture');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(threat).toBeHidden();
  const assessed = page.getByTestId('threat-assessments').getByRole('row').filter({ hasText: 'E2E threat picture' });
  await expect(assessed.locator('[data-level="4"]')).toBeVisible();

  await page.getByRole('button', { name: 'Set the security level' }).click();
  const form = page.getByTestId('level-form');
  await pick(page, form, 'Security level', /^6 — Extreme/);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(form.locator('.ant-form-item-explain-error')).toContainText('Required');
  await form.getByLabel('Justification').fill('E2E: fighting reached the city');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByTestId('current-level').locator('[data-level="6"]')).toBeVisible();
  await expect(page.getByTestId('level-history')).toContainText('E2E: fighting reached the city');
});
