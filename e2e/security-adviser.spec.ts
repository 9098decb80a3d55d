import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { apiSignIn, choose, expectAccessible, fieldError, signIn } from './helpers';

/**
 * Done when (issue 4): a security adviser assesses a country end to end in the UI —
 * threats → security level → SRA → programme criticality → acceptable-risk verdict → MOSS gaps.
 * The adviser's only grant is on the Nairobi duty station.
 */
const RUN = Date.now();
const ADVISER = { email: `sa-nairobi-${RUN}@example.org`, password: 'Adviser-password-1' };
const HQ_ADVISER = { email: `sa-hq-${RUN}@example.org`, password: 'Adviser-password-2' };
const AREA = `Kenya E2E area ${RUN}`;

async function createUser(request: APIRequestContext, csrf: string, who: { email: string; password: string }, grants: object[]) {
  const res = await request.post('/api/v1/users', { headers: { 'x-csrf-token': csrf }, data: { email: who.email, displayName: 'E2E adviser', password: who.password, grants } });
  expect(res.status(), await res.text()).toBe(201);
}

test.beforeAll(async ({ request }) => {
  const csrf = await apiSignIn(request);
  const found = await (await request.get('/api/v1/locations?q=Nairobi&kind=duty_station')).json();
  const nairobi = found.items.find((l: { name: string }) => l.name === 'Nairobi');
  await createUser(request, csrf, ADVISER, [{ role: 'security_adviser', scopeType: 'location', scopeId: nairobi.id }]);
  await createUser(request, csrf, HQ_ADVISER, [{ role: 'security_adviser', scopeType: 'org', scopeId: null }]);
});

/** The error under the form field with this label; a required field's label ends with its asterisk. */
const errorAt = (page: Page, label: string) => page.locator('.ant-form-item')
  .filter({ has: page.locator('label', { hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\*?$`) }) })
  .locator('.ant-form-item-explain-error');

/** Picks an option of a non-searchable antd Select by its label. */
async function pick(page: Page, scope: Locator, label: string, option: string | RegExp) {
  await scope.getByRole('combobox', { name: label, exact: true }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
}

test('a duty-station security adviser assesses Kenya from threats to MOSS gaps', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, ADVISER, '/security');
  await expect(page.getByTestId('security-areas')).toHaveAttribute('data-ready', 'true');

  // The area: Kenya, covering Nairobi (the adviser's station).
  await page.getByRole('button', { name: 'New security area' }).click();
  const areaForm = page.getByTestId('area-form');
  await choose(page, areaForm, 'Country', 'Kenya');
  await areaForm.getByLabel('Area name').fill(AREA);
  await choose(page, areaForm, 'Duty stations', 'Nairobi');
  await areaForm.getByLabel('Area name').click();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(AREA);
  await expect(page.getByTestId('current-level')).toContainText('No level set');

  // 1. Threats: a level per category, with intent and capability for crime.
  await page.getByRole('button', { name: 'Add a threat assessment' }).click();
  const threat = page.getByTestId('threat-form');
  await pick(page, threat, 'Crime', /^4 — /);
  await pick(page, threat, 'Civil unrest', /^3 — /);
  await pick(page, threat, 'Terrorism', /^3 — /);
  await threat.getByRole('button', { name: 'Crime: intent, capability, context' }).click();
  await threat.getByLabel('Intent').fill('Armed gangs target vehicles for resale');
  await threat.getByLabel('Capability').fill('Firearms, roadblocks on the airport road');
  await threat.getByLabel('Summary').fill('E2E: crime rising before the elections');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(threat).toBeHidden();
  const assessed = page.getByTestId('threat-assessments').getByRole('row').filter({ hasText: 'E2E: crime rising' });
  await expect(assessed.locator('[data-level="4"]')).toBeVisible();

  // 2. The security level, proposed from the threat assessment; the justification is required.
  await page.getByRole('button', { name: 'Set the security level' }).click();
  const level = page.getByTestId('level-form');
  await expect(level.getByTestId('level-basis')).toContainText('level 4');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(errorAt(page, 'Justification')).toContainText('Required');
  await level.getByLabel('Justification').fill('E2E: crime and pre-electoral tension on the airport road');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(level).toBeHidden();
  // Nobody picked a level: the proposal (4, the highest category) was taken.
  await expect(page.getByTestId('current-level').locator('[data-level="4"]')).toBeVisible();
  await expect(page.getByTestId('level-history').getByRole('row').nth(1)).toContainText(ADVISER.email);
  await expectAccessible(page, 'security area');

  // 3. The SRA: two scenarios with existing and recommended measures and the residual risk.
  await page.getByRole('button', { name: 'New SRA' }).click();
  const sra = page.getByTestId('sra-form');
  await sra.getByLabel('Title').fill('Kenya SRA E2E');
  await pick(page, sra, 'Threat category 1', 'Crime');
  await sra.getByLabel('Scenario 1', { exact: true }).fill('Armed carjacking on the airport road');
  await pick(page, sra, 'Inherent likelihood 1', /^4 — /);
  await pick(page, sra, 'Inherent impact 1', /^4 — /);
  await sra.getByLabel('Existing measures 1').fill('Radio checks; movement by day');
  await sra.getByLabel('Recommended measures 1').fill('Armoured vehicles; convoys after dark');
  await pick(page, sra, 'Residual likelihood 1', /^3 — /);
  await pick(page, sra, 'Residual impact 1', /^4 — /);
  await expect(sra.getByTestId('scenario-0-residual').locator('[data-band="high"]')).toBeVisible();
  await sra.getByRole('button', { name: 'Add a scenario' }).click();
  await pick(page, sra, 'Threat category 2', 'Civil unrest');
  await sra.getByLabel('Scenario 2', { exact: true }).fill('Demonstrations block the Gigiri roads');
  await pick(page, sra, 'Inherent likelihood 2', /^3 — /);
  await pick(page, sra, 'Inherent impact 2', /^3 — /);
  await pick(page, sra, 'Residual likelihood 2', /^2 — /);
  await pick(page, sra, 'Residual impact 2', /^2 — /);
  // Dates in the wrong order: the API's message shows at the field, nothing is written.
  await sra.getByLabel('Valid until').fill('2020-01-01');
  await sra.getByLabel('Valid until').press('Enter'); // takes the date and submits the form
  await expect(fieldError(page, 'Valid until')).toContainText('Must not be before the assessment date');
  await sra.getByLabel('Valid until').fill('2099-12-31');
  await sra.getByLabel('Valid until').press('Enter');
  await expect(sra).toBeHidden();
  const written = page.getByTestId('sra').filter({ hasText: 'Kenya SRA E2E' });
  await expect(written.getByTestId('sra-highest').locator('[data-band="high"]')).toBeVisible();
  await expect(written).toContainText('Armoured vehicles; convoys after dark');

  // 4. Programme criticality: a PC1 food distribution and a PC4 workshop at Nairobi, under the SRA.
  for (const [name, pc] of [['E2E food distribution', 'PC1'], ['E2E capacity workshop', 'PC4']] as const) {
    await page.getByRole('button', { name: 'Add a programme' }).click();
    const prog = page.getByTestId('programme-form');
    await prog.getByLabel('Programme or activity').fill(name);
    await choose(page, prog, 'Entity', 'WFP');
    await pick(page, prog, 'Assessed under the SRA', 'Kenya SRA E2E');
    await prog.getByRole('radio', { name: new RegExp(`^${pc}`) }).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(prog).toBeHidden();
  }

  // 5. The verdict: high residual risk is acceptable for PC1 (head of entity / DO), not for PC4.
  const verdicts = page.getByTestId('acceptable-risk');
  const workshop = verdicts.getByRole('row').filter({ hasText: 'E2E capacity workshop' });
  await expect(workshop.getByTestId('verdict-unacceptable')).toBeVisible();
  await expect(workshop).toHaveClass(/orms-row-alert/);
  await expect(workshop).toContainText('Stop, or reduce the risk first');
  const food = verdicts.getByRole('row').filter({ hasText: 'E2E food distribution' });
  await expect(food.getByTestId('verdict-acceptable')).toBeVisible();
  await expect(food).toContainText('Head of entity or Designated Official');
  // Not acceptable ones come first.
  await expect(verdicts.locator('tbody tr').first()).toHaveClass(/orms-row-alert/);

  // 6. MOSS gaps at Nairobi, then close one on the checklist.
  const gaps = page.getByTestId('station-compliance').first().getByTestId('gaps-moss');
  await expect(gaps.getByRole('row').nth(1)).toBeVisible();
  await expectAccessible(page, 'security area with SRA and programmes');
  await page.getByTestId('station-compliance').first().getByTestId('compliance-moss').getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Nairobi');
  const checklist = page.getByTestId('checklist');
  await expect(checklist.getByRole('row').nth(1)).toBeVisible();
  await expectAccessible(page, 'MOSS checklist');
  // Close a gap: the first one listed.
  await page.getByRole('checkbox', { name: 'Gaps only' }).check();
  const gap = checklist.locator('tbody tr').first();
  const code = (await gap.locator('td').first().innerText()).trim();
  const before = await page.getByTestId('checklist-percent').getAttribute('data-percent');
  await page.getByRole('checkbox', { name: 'Gaps only' }).uncheck();
  await page.getByRole('button', { name: `Assess ${code}` }).click();
  const assess = page.getByTestId('assess-form');
  await assess.getByRole('radio', { name: 'Not compliant' }).check();
  // A partly met standard may already have a closing date: clear it to see the rule.
  if (await assess.getByLabel('Due date').inputValue()) {
    await assess.locator('.ant-picker').hover();
    await assess.locator('.ant-picker-clear').click();
  }
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(fieldError(page, 'Due date')).toContainText('Give the date');
  await assess.getByRole('radio', { name: 'Compliant', exact: true }).check();
  await assess.getByLabel('Evidence').fill('E2E radio check log, all stations answered');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(assess).toBeHidden();
  const closed = checklist.getByRole('row').filter({ has: page.getByRole('cell', { name: code, exact: true }) });
  await expect(closed.locator('[data-status="compliant"]')).toBeVisible();
  await expect(closed).toContainText('E2E radio check log');
  await expect(page.getByTestId('checklist-percent')).not.toHaveAttribute('data-percent', before ?? '');
  expect(Number(await page.getByTestId('checklist-percent').getAttribute('data-percent'))).toBeGreaterThan(Number(before));

  // The adviser's scope is Nairobi: another station's checklist is read-only.
  await page.goto('/security/compliance');
  await expect(page.getByTestId('compliance-stations').getByRole('row').nth(1)).toBeVisible();
  await expect(page.getByTestId('compliance-countries')).toContainText('Kenya');
  await expectAccessible(page, 'compliance summary');
  await page.getByTestId('compliance-stations').getByRole('link', { name: 'Geneva' }).click();
  await expect(page.getByTestId('checklist').getByRole('row').nth(1)).toBeVisible();
  await expect(page.getByRole('button', { name: /^Assess / })).toHaveCount(0);
  // Templates are organization-wide standards: this adviser cannot edit them.
  await page.goto('/security/compliance/templates');
  await expect(page.getByTestId('templates').getByRole('row').nth(1)).toBeVisible();
  await expect(page.getByRole('button', { name: 'New template' })).toHaveCount(0);
});

test('an organization-wide security adviser adds a standard to the MOSS template', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, HQ_ADVISER, '/security/compliance/templates');
  const templates = page.getByTestId('templates');
  await expect(templates.getByRole('row').nth(1)).toBeVisible();
  await expectAccessible(page, 'checklist templates');
  await page.getByRole('button', { name: /^Edit Minimum Operating Security Standards/ }).click();
  const form = page.getByTestId('template-form');
  const items = form.getByTestId('template-item');
  const n = await items.count();
  await form.getByRole('button', { name: 'Add an item' }).click();
  await form.getByLabel(`Code ${n + 1}`).fill('TEL-1');
  await form.getByLabel(`Standard ${n + 1}`).fill('E2E: a duplicate code is refused');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(fieldError(page, `Code ${n + 1}`)).toContainText('Duplicate code');
  await form.getByLabel(`Code ${n + 1}`).fill(`E2E-${RUN % 10000}`);
  await form.getByLabel(`Standard ${n + 1}`).fill('E2E: security focal point named in writing');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(form).toBeHidden();
  await templates.getByRole('row').filter({ hasText: 'Minimum Operating Security Standards' }).getByRole('button', { name: 'Expand row' }).click();
  await expect(templates).toContainText('E2E: security focal point named in writing');
});
