import { expect as baseExpect, test, type Locator, type Page } from '@playwright/test';
import { apiSignIn, choose, expectAccessible, fieldError, signIn } from './helpers';

/**
 * The "done when" path of issue 5 as a BC coordinator of UNON: run a BIA for Nairobi, map the
 * process's dependencies (by hand and from CSV), see its RTO gap and the SPOF report, and simulate
 * the loss of the data centre its systems run in; axe on every page on the way.
 */
// Pages of this area render large tables of selects and charts: allow for a busy machine.
const expect = baseExpect.configure({ timeout: 20_000 });
const STAMP = Date.now();
const BC = { email: `bc-unon-${STAMP}@example.org`, password: 'Bc-coordinator-password-1' };
const CAMPAIGN = `E2E Nairobi BIA ${STAMP}`;
const PROCESS = `E2E cash disbursement ${STAMP}`;

test.beforeAll(async ({ request }) => {
  const csrf = await apiSignIn(request);
  const entities = (await (await request.get('/api/v1/entities?pageSize=500')).json()).items as { id: string; code: string }[];
  const unon = entities.find((e) => e.code === 'UNON')!;
  const nairobi = (await (await request.get('/api/v1/locations?q=Nairobi&kind=duty_station')).json()).items[0] as { id: string };
  // UNON's BC coordinator in Nairobi: the entity's BIAs, and what belongs to the duty station (its local vendors).
  const res = await request.post('/api/v1/users', {
    headers: { 'x-csrf-token': csrf },
    data: { email: BC.email, displayName: 'Bea Coordinator', password: BC.password, grants: [
      { role: 'bc_coordinator', scopeType: 'entity', scopeId: unon.id }, { role: 'bc_coordinator', scopeType: 'location', scopeId: nairobi.id },
    ] },
  });
  expect(res.status(), await res.text()).toBe(201);
});

/** axe on the page, with the pointer off the button just pressed (antd's hover colour is not the page's). */
async function accessible(page: Page, what: string) {
  await page.mouse.move(0, 0);
  await expectAccessible(page, what);
}

/** Picks an option of a non-searchable antd Select by its accessible name. */
async function pick(page: Page, scope: Locator, label: string, option: string | RegExp) {
  await scope.getByRole('combobox', { name: label, exact: true }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
}

test('a BC coordinator runs a BIA for Nairobi, maps dependencies, sees gaps and SPOFs and simulates the loss of the data centre', async ({ page }) => {
  test.setTimeout(300_000);
  await signIn(page, BC, '/continuity');
  const campaigns = page.getByTestId('campaigns-table');
  await expect(campaigns).toHaveAttribute('data-ready', 'true');
  await expect(campaigns.getByRole('link', { name: 'UNON business impact analysis 2026' })).toBeVisible();
  await accessible(page, 'BIA campaigns');

  // ---- a campaign for the duty station
  await page.getByRole('button', { name: 'New BIA campaign' }).click();
  const cForm = page.getByTestId('campaign-form');
  await cForm.getByLabel('Name').fill(CAMPAIGN);
  await choose(page, cForm, 'Entity', 'UNON');
  await choose(page, cForm, 'Duty station', 'Nairobi');
  await cForm.getByLabel('Period from').fill('2026-07-01');
  await cForm.getByLabel('Period from').press('Enter');
  await expect(cForm).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(CAMPAIGN);
  await expect(page.getByTestId('campaign-details')).toContainText('Draft');
  await page.getByRole('button', { name: 'Add a process' }).click();
  const pForm = page.getByTestId('process-form');
  await pForm.getByRole('textbox', { name: 'Process', exact: true }).fill(PROCESS);
  await pForm.getByLabel('Description').fill('Petty cash and urgent payments to vendors in Nairobi');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(pForm).toBeHidden();
  const row = page.getByTestId('campaign-processes').getByRole('row').filter({ hasText: PROCESS });
  await expect(row).toContainText('Not started');
  await accessible(page, 'BIA campaign');

  // ---- the questionnaire: impact grid, MTPD derived live, RTO ≤ MTPD from the API
  await row.getByRole('link', { name: `Answer: ${PROCESS}` }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`BIA questionnaire: ${PROCESS}`);
  const grid = page.getByTestId('impact-grid');
  const mtpd = page.getByTestId('live-mtpd');
  await expect(mtpd).toHaveAttribute('data-hours', '');
  const times = ['4 h', '1 d', '3 d', '1 wk', '1 mo'];
  const financial = ['2', '3', '4', '5', '5'];
  for (const dim of ['Mandate delivery', 'Safety and security', 'Reputational', 'Legal and regulatory']) {
    for (const time of times) await pick(page, grid, `${dim} after ${time}`, /^1 — /);
  }
  for (const [i, time] of times.entries()) await pick(page, grid, `Financial after ${time}`, new RegExp(`^${financial[i]} — `));
  await expect(mtpd).toHaveAttribute('data-hours', '72');
  await expect(mtpd).toContainText('3 d');
  await pick(page, grid, 'Financial after 1 d', /^4 — /); // the same domain function the server uses: MTPD moves to 1 d
  await expect(mtpd).toHaveAttribute('data-hours', '24');
  await expect(grid.locator('[data-intolerable]')).toHaveCount(4);
  const form = page.getByTestId('questionnaire-form');
  await form.getByLabel('Recovery time objective (RTO, hours)').fill('48');
  await form.getByLabel('Recovery point objective (RPO, hours)').fill('4');
  await page.getByRole('button', { name: 'Save progress' }).click();
  await expect(fieldError(page, 'Recovery time objective (RTO, hours)')).toContainText('RTO (48 h) must not exceed the MTPD (24 h)');
  await form.getByLabel('Recovery time objective (RTO, hours)').fill('12');
  await form.getByLabel('Staff on the process').fill('10');
  await form.getByLabel('Minimum staff to keep it running').fill('3');
  await form.getByLabel('Partly remote').check();
  for (const [i, n] of ['3', '4', '5', '6', '8'].entries()) await form.getByLabel(`After ${times[i]}`, { exact: true }).fill(n);
  await form.getByLabel('Peak periods').fill('Month end');
  await form.getByLabel('Peak periods').press('Enter');
  await form.getByLabel('Vital records needed').fill('Signed payment vouchers');
  await form.getByLabel('Vital records needed').press('Enter');
  await form.getByLabel('Workarounds').fill('Cheques signed by two certifying officers');
  await page.getByRole('button', { name: 'Save progress' }).click();
  await expect(page.getByText('Progress saved')).toBeVisible();
  await expect(page.getByTestId('questionnaire-progress').locator('[role=progressbar]').or(page.getByTestId('questionnaire-progress').and(page.locator('[role=progressbar]')))).toHaveAttribute('aria-valuenow', '100');
  await accessible(page, 'BIA questionnaire');
  await page.reload(); // progress is saved: the answers come back
  await expect(page.getByTestId('live-mtpd')).toHaveAttribute('data-hours', '24');
  await expect(page.getByTestId('questionnaire-form').getByLabel('Recovery time objective (RTO, hours)')).toHaveValue('12');
  await page.getByRole('button', { name: 'Submit the questionnaire' }).click();

  // ---- review and approval
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(CAMPAIGN);
  await expect(page.getByTestId('campaign-processes').getByRole('row').filter({ hasText: PROCESS })).toContainText('Submitted');
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(page.getByTestId('campaign-details')).toContainText('In review');
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByTestId('campaign-details')).toContainText('Approved');
  await expect(page.getByTestId('campaign-details')).toContainText(BC.email);
  await accessible(page, 'approved BIA campaign');

  // ---- dependencies, by hand and from CSV, and a BC strategy
  await page.getByTestId('campaign-processes').getByRole('link', { name: PROCESS, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(PROCESS);
  const processUrl = page.url();
  const addDependency = async (to: string, hours: string, what: string) => {
    await page.getByRole('button', { name: 'Add a dependency' }).click();
    const dForm = page.getByTestId('dependency-form');
    await choose(page, dForm, 'Depends on', to.split(' ')[0]!, to);
    await dForm.getByLabel('Needed within').fill(hours);
    await dForm.getByLabel('What is needed').fill(what);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(dForm).toBeHidden();
  };
  await addDependency('Umoja (ERP)', '4', 'Vendor master data and payment runs');
  await addDependency('Enterprise content management (ECM)', '0', 'Scanned payment vouchers');
  const deps = page.getByTestId('dependencies-table');
  await expect(deps.getByRole('row').filter({ hasText: 'Umoja (ERP)' })).toContainText('4 h');
  await expect(deps.getByRole('row').filter({ hasText: 'Enterprise content management' })).toContainText('At once');

  await page.getByRole('button', { name: 'Import dependencies (CSV)' }).click();
  const upload = async (text: string) => {
    await page.getByTestId('csv-file').setInputFiles({ name: 'dependencies.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
    await page.getByTestId('csv-run').click();
  };
  await upload(`from,to,needed_within_hours,alternates\n${PROCESS},Nairobi fibre telecom provider,2,Nairobi microwave link provider|ready|1\n${PROCESS},${PROCESS},0,\n`);
  const errors = page.getByTestId('csv-errors');
  await expect(errors).toContainText('1 row(s) are invalid; nothing was imported');
  await expect(errors.getByRole('row').filter({ hasText: 'cannot depend on itself' })).toContainText('3');
  await upload(`from,to,needed_within_hours,alternates\n${PROCESS},Nairobi fibre telecom provider,2,Nairobi microwave link provider|ready|1\n`);
  await expect(page.getByTestId('csv-result')).toContainText('1 created');
  await page.keyboard.press('Escape');
  const telecom = deps.getByRole('row').filter({ hasText: 'Nairobi fibre telecom provider' });
  await expect(telecom).toContainText('Nairobi microwave link provider');
  await expect(telecom).toContainText('Ready');

  await page.getByRole('button', { name: 'Add a strategy' }).click();
  const sForm = page.getByTestId('strategy-form');
  await pick(page, sForm, 'Strategy', 'Telecommuting');
  await sForm.getByLabel('Activation time').fill('4');
  await sForm.getByLabel('Description').fill('Cashiers work from home over VPN');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(sForm).toBeHidden();
  await expect(page.getByTestId('strategies-table').getByRole('row').filter({ hasText: 'Telecommuting' })).toContainText('Ready');

  // The RTO gap shows on the process: ECM is back after 24 h, the process must run again in 12 h.
  const processGap = page.getByTestId('process-gaps').getByRole('row').filter({ hasText: 'Enterprise content management' });
  await expect(processGap).toContainText('+12 h');
  await accessible(page, 'process page');

  // ---- gap and SPOF reports
  await page.goto('/continuity/gaps');
  const gaps = page.getByTestId('gaps-table');
  await expect(gaps).toHaveAttribute('data-ready', 'true');
  const gapRow = gaps.getByRole('row').filter({ hasText: PROCESS });
  await expect(gapRow).toContainText('Enterprise content management (ECM)');
  await expect(gapRow.locator('[data-gap]')).toHaveAttribute('data-gap', '12');
  await accessible(page, 'gap report');
  await page.goto('/continuity/spof');
  const spof = page.getByTestId('spof-table');
  await expect(spof).toHaveAttribute('data-ready', 'true');
  await expect(spof.getByRole('row').filter({ hasText: 'Gigiri complex' })).toContainText('Security communications');
  await accessible(page, 'SPOF report');

  // ---- the dependency graph explorer around the process
  await page.goto(`/continuity/map?focus=${processUrl.split('/').pop()}`);
  await expect(page.getByTestId('dependency-graph')).toHaveAttribute('data-rendered', /\d+/);
  const mapNodes = page.getByTestId('map-nodes');
  await expect(mapNodes.getByRole('row').filter({ hasText: 'UNGSC Brindisi enterprise data centre' })).toContainText('2');
  await expect(mapNodes.getByRole('row').filter({ hasText: 'Nairobi microwave link provider' })).toBeVisible();
  await accessible(page, 'dependency map');
  await mapNodes.getByRole('button', { name: 'Explore from here: Umoja (ERP)' }).click();
  await expect(page).toHaveURL(/focus=/);
  await expect(mapNodes.getByRole('row').filter({ hasText: PROCESS })).toContainText('1');

  // ---- simulate the loss of the data centre
  await page.goto('/continuity/simulation');
  await accessible(page, 'simulation page');
  await choose(page, page.locator('form'), 'Lost resources', 'Brindisi', 'UNGSC Brindisi enterprise data centre');
  await page.getByRole('button', { name: 'Simulate' }).click();
  await expect(page.getByTestId('simulation-summary')).toBeVisible();
  await expect(page.getByTestId('outage-graph')).toHaveAttribute('data-rendered', /\d+/);
  const affected = page.getByTestId('affected-processes').getByRole('row').filter({ hasText: PROCESS });
  // ECM runs again at Valencia after its tested 24 h: just within the process's 24 h MTPD, RTO of 12 h missed.
  await expect(affected).toContainText('At once');
  await expect(affected).toContainText('+1 d');
  await expect(affected.locator('[data-breach]')).toHaveAttribute('data-breach', 'ok');
  await expect(affected).toContainText('missed');
  await expect(affected).toContainText('Enterprise content management (ECM) → UNGSC Brindisi enterprise data centre');
  await expect(page.getByTestId('outage-timeline').getByRole('row').filter({ hasText: 'UNGSC Brindisi enterprise data centre' }).first()).toContainText('Lost');
  await accessible(page, 'simulation results');
});

test('ICT recovery: the inventory, an application with its DR tests, data centres with failover pairs, vendors', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, BC, '/itdr');
  const apps = page.getByTestId('applications-table');
  await expect(apps).toHaveAttribute('data-ready', 'true');
  await expect(apps.getByRole('row').filter({ hasText: 'iNeed (CRM service desk)' })).toContainText('Not tested');
  await accessible(page, 'applications');
  await apps.getByRole('link', { name: 'Umoja (ERP)', exact: true }).click();
  await expect(page.getByTestId('dr-tests').getByRole('row').nth(1)).toContainText('Pass');
  await expect(page.getByTestId('application-details')).toContainText('fails over to UNICTF Valencia secondary data centre in 4 h');
  // Enterprise systems are changed only with an organization-wide grant: no buttons for a UNON coordinator.
  await expect(page.getByRole('button', { name: 'Record a DR test' })).toHaveCount(0);
  await accessible(page, 'application page');
  await page.goto('/itdr/data-centres');
  const dcs = page.getByTestId('data-centres-table');
  await expect(dcs.getByRole('row').filter({ hasText: 'UNGSC Brindisi enterprise data centre' })).toContainText('UNICTF Valencia secondary data centre');
  await accessible(page, 'data centres');
  await page.goto('/itdr/vendors');
  await expect(page.getByTestId('vendors-table').getByRole('row').filter({ hasText: 'Global payroll bank' })).toContainText('1 d');
  await accessible(page, 'vendors');
});

test('ICT recovery as an administrator: a new system, its DR test and the failover pair', async ({ page }) => {
  test.setTimeout(120_000);
  const name = `E2E case tracker ${STAMP}`;
  await signIn(page, undefined, '/itdr');
  await page.getByRole('button', { name: 'Add an application' }).click();
  const aForm = page.getByTestId('application-form');
  await aForm.getByLabel('Name').fill(name);
  await pick(page, aForm, 'Criticality', 'High');
  await aForm.getByLabel('DR plan').fill('not a link');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(fieldError(page, 'DR plan')).toContainText('A URL');
  await aForm.getByLabel('DR plan').fill('https://dr.example.org/case-tracker');
  await choose(page, aForm, 'Hosting data centres', 'UNHQ', 'UNHQ DC1 server room');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(page.getByTestId('application-details')).toContainText('Not tested');
  await page.getByRole('button', { name: 'Record a DR test' }).click();
  const tForm = page.getByTestId('dr-test-form');
  await tForm.getByLabel('Achieved recovery time').fill('6');
  await tForm.getByLabel('Achieved data loss (RPO)').fill('1');
  await tForm.getByLabel('Notes').fill('Restored from the nightly backup');
  await tForm.getByLabel('Tested on').fill('2026-03-02');
  await tForm.getByLabel('Tested on').press('Enter');
  await expect(tForm).toBeHidden();
  await expect(page.getByTestId('dr-tests').getByRole('row').filter({ hasText: 'Restored from the nightly backup' })).toContainText('6 h');
  await expect(page.getByTestId('application-details')).toContainText('6 h');

  await page.goto('/itdr/data-centres');
  await page.getByRole('button', { name: 'Edit: UNHQ DC1 server room' }).click();
  const dForm = page.getByTestId('data-centre-form');
  await pick(page, dForm, 'Readiness', 'Ready');
  await dForm.getByLabel('Activation time').fill('6');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(dForm).toBeHidden();
  await expect(page.getByTestId('data-centres-table').getByRole('row').filter({ hasText: 'UNHQ DC1 server room' })).toContainText('6 h');
});
