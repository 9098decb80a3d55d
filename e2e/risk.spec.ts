import { expect, test, type Locator, type Page } from '@playwright/test';
import { apiSignIn, choose, expectAccessible, fieldError, signIn } from './helpers';

/** The error under the form field with this label; a required field's label ends with its asterisk. */
const errorAt = (page: Page, label: string) => page.locator('.ant-form-item')
  .filter({ has: page.locator('label', { hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\*?$`) }) })
  .locator('.ant-form-item-explain-error');

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
  await expect(verdicts).toContainText(/programmes carry a residual risk that is not acceptable/);
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

/**
 * Done when (issue 4): a BC coordinator runs a joint risk assessment at a location with two
 * entities. The coordinator's only grant is on the Nairobi duty station.
 */
const RUN = Date.now();
const COORDINATOR = { email: `bc-nairobi-${RUN}@example.org`, password: 'Coordinator-password-1' };
const JOINT = `E2E Nairobi joint assessment ${RUN}`;

test.describe('joint risk assessment', () => {
  test.beforeAll(async ({ request }) => {
    const csrf = await apiSignIn(request);
    const found = await (await request.get('/api/v1/locations?q=Nairobi&kind=duty_station')).json();
    const nairobi = found.items.find((l: { name: string }) => l.name === 'Nairobi');
    const res = await request.post('/api/v1/users', { headers: { 'x-csrf-token': csrf }, data: {
      email: COORDINATOR.email, displayName: 'E2E BC coordinator', password: COORDINATOR.password,
      grants: [{ role: 'bc_coordinator', scopeType: 'location', scopeId: nairobi.id }],
    } });
    expect(res.status(), await res.text()).toBe(201);
  });

  test('a duty-station BC coordinator runs a joint assessment with UNON and UNICEF', async ({ page }) => {
    test.setTimeout(180_000);
    await signIn(page, COORDINATOR, '/risk/joint');
    await expect(page.getByTestId('joint-table')).toHaveAttribute('data-ready', 'true');
    await expectAccessible(page, 'joint assessments');
    await page.getByRole('button', { name: 'New joint assessment' }).click();
    const form = page.getByTestId('joint-form');
    await form.getByLabel('Title').fill(JOINT);
    await choose(page, form, 'Duty station', 'Nairobi');
    await choose(page, form, 'Participating entities', 'UNON');
    await form.getByLabel('Title').click();
    await page.getByRole('button', { name: 'Save' }).click();
    // One entity is not a joint assessment: the API's message shows at the field.
    await expect(errorAt(page, 'Participating entities')).toContainText('at least two entities');
    await choose(page, form, 'Participating entities', 'UNICEF');
    await form.getByLabel('Title').click();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(JOINT);
    await expect(page.getByTestId('joint-details')).toContainText('UNON');
    await expect(page.getByTestId('joint-details')).toContainText('UNICEF');

    // The scenarios both entities will rate.
    for (const [title, component, l, i] of [['E2E loss of power at Gigiri', 'Business continuity', 3, 4], ['E2E roads to Gigiri blocked', 'Security', 2, 2]] as const) {
      await page.getByRole('button', { name: 'Add a scenario' }).click();
      const sc = page.getByTestId('scenario-form');
      await sc.getByLabel('Title').fill(title);
      await pick(page, sc, 'Components', component);
      await sc.getByLabel('Title').click();
      await pick(page, sc, 'Inherent likelihood', new RegExp(`^${l} — `));
      await pick(page, sc, 'Inherent impact', new RegExp(`^${i} — `));
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(sc).toBeHidden();
    }
    const grid = page.getByTestId('joint-side-by-side');
    const power = grid.getByRole('row').filter({ hasText: 'E2E loss of power at Gigiri' });
    await expect(power).toBeVisible();
    await expect(power.getByTestId('rating-UNON')).toContainText('not rated');

    // Each entity rates the same scenario, on the same matrix.
    const rate = async (entity: string, l: number, i: number, note?: string) => {
      await page.getByRole('button', { name: `Rate E2E loss of power at Gigiri for ${entity}` }).click();
      const rf = page.getByTestId('rate-form');
      await pick(page, rf, 'Likelihood', new RegExp(`^${l} — `));
      await pick(page, rf, 'Impact', new RegExp(`^${i} — `));
      if (note) await rf.getByLabel('Note').fill(note);
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(rf).toBeHidden();
    };
    await rate('UNON', 4, 4, 'Generators at Gigiri hold fuel for two days only');
    await rate('UNICEF', 2, 3);
    await expect(grid).toHaveAttribute('data-ready', 'true');
    await expect(power.getByTestId('rating-UNON').locator('[data-band="high"]')).toBeVisible();
    await expect(power.getByTestId('rating-UNICEF').locator('[data-band="low"]')).toBeVisible();
    // The consolidated rating is the worst; two bands apart is flagged for discussion.
    await expect(power.getByTestId('consolidated').locator('[data-band="high"]')).toBeVisible();
    await expect(power.getByTestId('disagreement')).toBeVisible();
    // UNON's residual rating after treatments (the form proposes residual once inherent is given).
    await page.getByRole('button', { name: 'Rate E2E loss of power at Gigiri for UNON' }).click();
    const rf = page.getByTestId('rate-form');
    await expect(rf.getByRole('radio', { name: 'Residual' })).toBeChecked();
    await pick(page, rf, 'Likelihood', /^2 — /);
    await pick(page, rf, 'Impact', /^4 — /);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(rf).toBeHidden();
    await expect(power.getByTestId('consolidated').locator('[data-band="medium"]')).toBeVisible();
    await expectAccessible(page, 'joint assessment');

    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    const edit = page.getByTestId('joint-form');
    await pick(page, edit, 'Status', 'Completed');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(edit).toBeHidden();
    await expect(page.getByTestId('joint-details')).toContainText('Completed');

    // Every rating stays in the scenario's history, with the entity it was given for.
    await power.getByRole('link', { name: 'E2E loss of power at Gigiri' }).click();
    const history = page.getByTestId('risk-ratings');
    await expect(history.getByRole('row').filter({ hasText: 'UNON' })).toHaveCount(2);
    await expect(history.getByRole('row').filter({ hasText: 'UNICEF' })).toHaveCount(1);
    await expect(history).toContainText('Generators at Gigiri hold fuel for two days only');

    // The risk map and Nairobi's risk profile.
    await page.goto('/risk/map');
    await expect(page.getByTestId('duty-station-map')).toHaveAttribute('data-rendered', /\d+/);
    const row = page.getByTestId('risk-map-table').getByRole('row').filter({ hasText: 'Nairobi' });
    await expect(row.locator('[data-band]')).toBeVisible();
    await expect(row.locator('[data-level]')).toBeVisible();
    await expectAccessible(page, 'risk map');
    await page.locator('.ant-segmented-item').filter({ hasText: 'Security level' }).click();
    await expect(page).toHaveURL(/by=level/);
    await expect(page.getByTestId('map-legend').locator('[data-level="6"]')).toBeVisible();
    await row.getByRole('link', { name: 'Nairobi' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Risk profile: Nairobi');
    await expect(page.getByTestId('profile-joint')).toContainText(JOINT);
    await expect(page.getByTestId('profile-security').locator('[data-level]').first()).toBeVisible();
    await expect(page.getByTestId('risk-heatmap')).toHaveAttribute('data-rendered', /\d+/);
    await expectAccessible(page, 'risk profile');
  });

  test('an entity user sees neither another entity\'s private register nor joint assessments it is not part of', async ({ request }) => {
    const csrf = await apiSignIn(request);
    const entities = (await (await request.get('/api/v1/entities?pageSize=100')).json()).items as { id: string; code: string }[];
    const ilo = entities.find((e) => e.code === 'ILO')!;
    const who = { email: `bc-ilo-${RUN}@example.org`, password: 'Coordinator-password-2' };
    expect((await request.post('/api/v1/users', { headers: { 'x-csrf-token': csrf }, data: {
      email: who.email, displayName: 'ILO coordinator', password: who.password, grants: [{ role: 'bc_coordinator', scopeType: 'entity', scopeId: ilo.id }],
    } })).status()).toBe(201);
    await apiSignIn(request, who);
    const joint = (await (await request.get('/api/v1/joint-assessments?pageSize=100')).json()).items as { title: string }[];
    expect(joint.map((j) => j.title)).not.toContain(JOINT);
    const risks = (await (await request.get('/api/v1/risks?pageSize=500')).json()).items as { entityId: string | null }[];
    expect(risks.every((r) => r.entityId === ilo.id)).toBe(true);
  });
});

test('matrix versions: a new version rates new risks, risks already rated keep their version', async ({ page, request }) => {
  test.setTimeout(120_000);
  const csrf = await apiSignIn(request);
  const entities = (await (await request.get('/api/v1/entities?pageSize=100')).json()).items as { id: string; code: string }[];
  const unon = entities.find((e) => e.code === 'UNON')!.id;
  const body = (title: string) => ({ title, entityId: unon, components: ['premises'], inherent: { likelihood: 1, impact: 1 } });
  const before = await (await request.post('/api/v1/risks', { headers: { 'x-csrf-token': csrf }, data: body(`E2E rated on v1 ${RUN}`) })).json();
  expect(before.inherent.band).toBe('very_low');

  await signIn(page, undefined, '/risk/matrices');
  const versions = page.getByTestId('matrix-versions');
  const current = versions.locator('[data-testid^="matrix-default-v"]').first();
  await expect(current).toContainText('In force');
  await expectAccessible(page, 'risk matrices');
  const n = Number((await current.getAttribute('data-testid'))!.split('-v')[1]);
  await page.getByRole('button', { name: 'New version' }).click();
  const editor = page.getByTestId('matrix-editor');
  await editor.getByLabel('Name', { exact: true }).fill('E2E stricter matrix');
  // The least likely, least severe cell becomes Low.
  const cell = editor.getByRole('combobox', { name: /^Level for likelihood Very unlikely and impact Negligible$/ });
  await cell.click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: /^Low$/ }).click();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(editor).toBeHidden();
  await expect(page.getByTestId(`matrix-default-v${n + 1}`)).toContainText('In force');
  await expect(page.getByTestId(`matrix-default-v${n}`)).toContainText('Superseded');

  const after = await (await request.post('/api/v1/risks', { headers: { 'x-csrf-token': csrf }, data: body(`E2E rated on v2 ${RUN}`) })).json();
  expect(after.inherent.band).toBe('low');
  await page.goto(`/risk/risks/${before.id}`);
  await expect(page.getByTestId('risk-details').locator('[data-band]').first()).toHaveAttribute('data-band', 'very_low');
  await page.goto(`/risk/risks/${after.id}`);
  await expect(page.getByTestId('risk-details').locator('[data-band]').first()).toHaveAttribute('data-band', 'low');
  await page.goto('/risk/matrices');
  await expect(page.getByTestId(`matrix-default-v${n}`).getByTestId('matrix-usage')).not.toContainText(/^0 risks/);
});
