import fs from 'node:fs';
import { expect, request as playwrightRequest, test, type Browser, type Download, type Locator, type Page } from '@playwright/test';
import { extractText, getDocumentProxy } from 'unpdf';
import { apiSignIn, choose as chooseOnce, expectAccessible as axeCheck, signIn } from './helpers';

/**
 * The "done when" path of the plans and exercises areas, as a focal point in the browser: write a
 * business continuity plan from the template, get it approved, print it and a wallet card, run a
 * tabletop exercise against it, record the after-action review, and see the plan flagged for review.
 */
const STAMP = Date.now();
const PASSWORD = 'E2e-plans-password-1';
const FOCAL = { email: `fp-nairobi-${STAMP}@example.org`, password: PASSWORD };
const APPROVER = { email: `cmt-nairobi-${STAMP}@example.org`, password: PASSWORD };
const STAFF = { email: `staff-nairobi-${STAMP}@example.org`, password: PASSWORD };
const TITLE = `E2E Nairobi business continuity plan ${STAMP}`;
const EXERCISE = `E2E tabletop on the BC plan ${STAMP}`;

interface PersonOut { id: string; givenName: string; familyName: string }
let nairobiId = '';
let focalPerson: PersonOut;
let approverPerson: PersonOut;
let planId = '';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  const api = await playwrightRequest.newContext({ baseURL: `http://127.0.0.1:${process.env.E2E_PORT ?? 8181}` });
  const csrf = await apiSignIn(api);
  const headers = { 'x-csrf-token': csrf };
  nairobiId = (await (await api.get('/api/v1/locations?q=nairobi&kind=duty_station')).json()).items[0].id;
  // People of Nairobi other than the demo plans' owner and approver (who may read those plans' drafts).
  const demo = (await (await api.get('/api/v1/plans')).json()).items as { ownerPersonId: string; approverPersonId: string | null }[];
  const taken = new Set(demo.flatMap((p) => [p.ownerPersonId, p.approverPersonId]));
  const people = ((await (await api.get(`/api/v1/people?locationId=${nairobiId}&pageSize=40`)).json()).items as PersonOut[]).filter((p) => !taken.has(p.id));
  // Two people with distinct family names, so each is found by typing it.
  const unique = (p: PersonOut) => people.filter((q) => q.familyName === p.familyName).length === 1;
  focalPerson = people.find(unique)!;
  approverPerson = people.find((p) => p.id !== focalPerson.id && unique(p))!;
  const staffPerson = people.find((p) => p.id !== focalPerson.id && p.id !== approverPerson.id)!;
  for (const [who, person, role] of [[FOCAL, focalPerson, 'orms_focal_point'], [APPROVER, approverPerson, 'crisis_team_member'], [STAFF, staffPerson, 'staff']] as const) {
    const res = await api.post('/api/v1/users', {
      headers, data: { email: who.email, displayName: `${person.givenName} ${person.familyName}`, password: who.password, personId: person.id, grants: [{ role, scopeType: 'location', scopeId: nairobiId }] },
    });
    expect(res.status(), await res.text()).toBe(201);
  }
  await api.dispose();
});

async function pdfText(download: Download): Promise<string> {
  const buf = fs.readFileSync((await download.path())!);
  expect(buf.subarray(0, 5).toString()).toBe('%PDF-');
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(buf)), { mergePages: true });
  return text as unknown as string;
}

async function download(page: Page, trigger: Locator): Promise<Download> {
  const [d] = await Promise.all([page.waitForEvent('download'), trigger.click()]);
  return d;
}

/** The antd Select around a combobox (its class list has exactly "ant-select"). */
const SELECT_ROOT = 'xpath=ancestor::div[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]';

/**
 * Picks an option of a searchable antd Select and checks it took: under load the server's answer may
 * replace the options as they are clicked, so the pick is tried again until `took` holds.
 */
async function choose(page: Page, scope: Locator, label: string, typed: string, option?: string | RegExp, took?: () => Promise<void>) {
  const shown = scope.getByRole('combobox', { name: label, exact: true }).locator(SELECT_ROOT);
  await expect(async () => {
    await chooseOnce(page, scope, label, typed, option);
    if (took) await took();
    else await expect(shown).toContainText(option ?? typed, { timeout: 3000 });
  }).toPass({ timeout: 45_000 });
}

/** Picks an option of a non-searchable antd Select by its label. */
async function pick(page: Page, scope: Locator, label: string, option: string | RegExp) {
  await scope.getByRole('combobox', { name: label, exact: true }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
}

/** axe on the page at rest: the pointer is moved off the control it last clicked (a hover colour is transient). */
async function expectAccessible(page: Page, what: string) {
  await page.mouse.move(0, 0);
  await axeCheck(page, what);
}

/** The error antd shows under the field with this accessible name (the required mark is not part of it). */
const fieldError = (page: Page, role: 'textbox' | 'combobox', name: string) =>
  page.locator('.ant-form-item').filter({ has: page.getByRole(role, { name, exact: true }) }).locator('.ant-form-item-explain-error');

const saved = (page: Page) => expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');

async function asUser(browser: Browser, who: { email: string; password: string }, path: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, who, path);
  return { page, close: () => context.close() };
}

test('a focal point writes a BC plan from the template and submits it; the editor saves by itself', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, FOCAL, '/plans');
  const table = page.getByTestId('plans-table');
  await expect(table).toHaveAttribute('data-ready', 'true');
  await expect(table.getByRole('link', { name: 'UNON business continuity plan' })).toBeVisible(); // the demo plan of Nairobi
  await expectAccessible(page, 'plan library');

  await page.getByRole('button', { name: 'New plan' }).click();
  const form = page.getByTestId('plan-form');
  await form.getByLabel('Title').fill(TITLE);
  await choose(page, form, 'Plan type', 'Business continuity', 'Business continuity plan');
  await choose(page, form, 'Duty station', 'Nairobi');
  await choose(page, form, 'Approver', approverPerson.familyName, `${approverPerson.familyName}, ${approverPerson.givenName}`);
  await expect(form.getByRole('combobox', { name: 'Owner', exact: true }).locator(SELECT_ROOT)).toContainText(focalPerson.familyName);
  await expectAccessible(page, 'new plan form');
  await page.getByRole('button', { name: 'Create and edit' }).click();

  // The editor, with the ORMS template's standard sections.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE);
  planId = page.url().split('/plans/')[1]!.split('?')[0]!;
  const nav = page.getByRole('navigation', { name: 'Sections' });
  await expect(nav.getByRole('button')).toHaveText([/1\. Authority/, /2\. Functional roles/, /3\. Links to external/, /4\. Resource requirements/, /5\. Incident identification/, /6\. Critical organizational/, /7\. Activation and deactivation/, /8\. After-action/, /Add section/]);
  await saved(page);
  await expectAccessible(page, 'plan editor');

  const editor = page.getByTestId('section-editor');
  await editor.getByLabel('Text of block 1').fill('Issued by the Director-General of UNON for all staff at the Nairobi duty station.');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', /pending|saving/);
  await saved(page);

  // A contact list linked to a person: shown with their contact points as on record now.
  await nav.getByRole('button', { name: /5\. Incident identification/ }).click();
  await pick(page, editor, 'Kind of block to add', 'Contact list');
  await editor.getByRole('button', { name: 'Add block' }).click();
  const contacts = editor.locator('[data-type="contacts"]');
  await contacts.getByLabel(/^Title of contact list/).fill('Whom to call first');
  await choose(page, contacts, 'Add a person', approverPerson.familyName, `${approverPerson.familyName}, ${approverPerson.givenName}`,
    () => expect(contacts.getByRole('combobox', { name: 'Person 1', exact: true })).toBeVisible({ timeout: 3000 }));
  await saved(page);
  await expect(contacts.getByTestId('contacts-view')).toContainText(approverPerson.familyName);

  // A checklist of the template: its items become tasks when the plan is activated.
  await nav.getByRole('button', { name: /7\. Activation/ }).click();
  await editor.locator('[data-type="checklist"]').getByLabel('Action 1', { exact: true }).fill('Convene the crisis management team within one hour');
  await saved(page);

  // A bad call tree is refused by the server: the message shows at the block, the text stays.
  await pick(page, editor, 'Kind of block to add', 'Call tree');
  await editor.getByRole('button', { name: 'Add block' }).click();
  const tree = editor.locator('[data-type="call_tree"]');
  await choose(page, tree, 'Add a person to the call tree', approverPerson.familyName, `${approverPerson.familyName}, ${approverPerson.givenName}`,
    () => expect(tree.getByRole('combobox', { name: 'Person 2 in the call tree', exact: true })).toBeVisible({ timeout: 3000 }));
  await saved(page);
  await expect(tree.getByRole('list', { name: 'Order of the calls' }).getByRole('listitem')).toHaveCount(2);

  await page.reload();
  await expect(page.getByTestId('plan-editor')).toBeVisible();
  await nav.getByRole('button', { name: /1\. Authority/ }).click();
  await expect(editor.getByLabel('Text of block 1')).toHaveValue(/Director-General of UNON/);

  // Submit for approval: the version is frozen, the focal point may not approve.
  await page.getByRole('button', { name: 'Submit for approval' }).click();
  await page.getByTestId('decision-modal').getByLabel('Comment').fill('Ready for the CMT');
  await page.getByTestId('decision-modal').getByRole('button', { name: 'Submit for approval' }).click();
  await expect(page.getByText('Version 1 is in review and can no longer change')).toBeVisible();
  await expect(page.getByTestId('plan-summary')).toContainText('In review');
  await page.getByRole('tab', { name: 'Approval' }).click();
  await expect(page.getByTestId('approval-events')).toContainText('Ready for the CMT');
  await expect(page.getByRole('button', { name: 'Approve' })).toHaveCount(0);
});

test('the approver approves it from the inbox; the focal point prints the plan and a wallet card, and diffs a new version', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const approver = await asUser(browser, APPROVER, '/plans/approvals');
  try {
    const a = approver.page;
    const inbox = a.getByTestId('inbox-table');
    await expect(inbox).toHaveAttribute('data-ready', 'true');
    await expectAccessible(a, 'approval inbox');
    await inbox.getByRole('link', { name: TITLE }).click();
    await expect(a.getByRole('tab', { name: 'Approval', selected: true })).toBeVisible();
    await expect(a.getByTestId('plan-content')).toContainText('Director-General of UNON');
    await expectAccessible(a, 'plan approval tab');
    await a.getByRole('button', { name: 'Approve' }).click();
    await a.getByTestId('decision-modal').getByLabel('Comment').fill('Approved at the CMT meeting');
    await a.getByTestId('decision-modal').getByRole('button', { name: 'Approve' }).click();
    await expect(a.getByTestId('plan-summary')).toContainText('Approved');
    await expect(a.getByTestId('approval-events')).toContainText('Approved at the CMT meeting');
  } finally { await approver.close(); }

  await signIn(page, FOCAL, `/plans/${planId}`);
  await expect(page.getByText('Version 1 is approved and never changes.')).toBeVisible();
  const planText = await pdfText(await download(page, page.getByTestId('plan-pdf')));
  expect(planText).toContain(TITLE);
  expect(planText).toContain('Whom to call first');
  expect(planText).toContain(approverPerson.familyName);

  // Activation turns the checklist into tasks.
  await page.getByRole('button', { name: 'More' }).click();
  await page.getByRole('menuitem', { name: 'Activate plan' }).click();
  await page.getByTestId('activate-form').getByLabel('Why is the plan activated?').fill('Drill of the activation procedure');
  await page.getByRole('button', { name: 'Activate', exact: true }).click();
  const activations = page.getByTestId('activations');
  await expect(activations).toContainText('Convene the crisis management team within one hour');
  await activations.getByRole('button', { name: 'Mark done: Convene the crisis management team within one hour' }).click();
  await expect(activations).toContainText('1 of 2 tasks done');
  await expectAccessible(page, 'plan activations');

  // A new version, changed, compared with the approved one.
  await page.getByRole('button', { name: 'Start a new version' }).click();
  await page.getByLabel('Change note').fill('Annual update');
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(page.getByTestId('plan-editor')).toBeVisible();
  await page.getByTestId('section-editor').getByLabel('Text of block 1').fill('Issued by the Director-General of UNON and the Designated Official.');
  await saved(page);
  await page.getByRole('tab', { name: 'Versions' }).click();
  const diff = page.getByTestId('plan-diff');
  await expect(diff).toContainText('From version 1 to version 2: 1 lines added, 1 removed.');
  await expect(diff.locator('del')).toContainText('for all staff at the Nairobi duty station');
  await expect(diff.locator('ins')).toContainText('and the Designated Official');
  await expectAccessible(page, 'plan versions and diff');

  // The wallet card of Nairobi: edited, then printed.
  await page.goto('/plans/wallet-cards');
  await expect(page.getByTestId('wallet-cards')).toHaveAttribute('data-ready', 'true');
  await expectAccessible(page, 'wallet cards');
  await page.getByTestId('wallet-cards').getByRole('link', { name: 'Nairobi', exact: true }).click();
  const wallet = page.getByTestId('wallet-form');
  await expect(wallet.getByRole('textbox', { name: 'Number 1', exact: true })).toHaveValue(/\+254/);
  await wallet.getByLabel('Title on the card').fill(`UN Nairobi emergency card ${STAMP}`);
  await wallet.getByRole('button', { name: 'Add number' }).click();
  await wallet.getByRole('button', { name: 'Save' }).click();
  await expect(fieldError(page, 'textbox', 'Name of number 5')).toContainText('Required');
  await wallet.getByRole('textbox', { name: 'Name of number 5', exact: true }).fill('UNON medical services');
  await wallet.getByRole('textbox', { name: 'Number 5', exact: true }).fill('+254 20 762 1111');
  await wallet.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Wallet card saved')).toBeVisible();
  await expectAccessible(page, 'wallet card editor');
  const cardText = await pdfText(await download(page, page.getByTestId('wallet-pdf')));
  expect(cardText).toContain(`UN Nairobi emergency card ${STAMP}`);
  expect(cardText).toContain('+254 20 762 1111');
});

test('a tabletop exercise against the plan, its results and AAR; the finding flags the plan for review', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, FOCAL, '/exercises');
  await expect(page.getByTestId('exercises-table')).toHaveAttribute('data-ready', 'true');
  await expectAccessible(page, 'exercise programme');

  await page.getByRole('button', { name: 'Plan an exercise' }).click();
  const form = page.getByTestId('exercise-form');
  await form.getByLabel('Title').fill(EXERCISE);
  await pick(page, form, 'Kind', 'Tabletop');
  const today = new Date();
  const day = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
  await form.getByPlaceholder('Starts').click();
  await form.getByPlaceholder('Starts').fill(`${day} 09:00`);
  await form.getByPlaceholder('Starts').press('Enter');
  await form.getByPlaceholder('Ends').fill(`${day} 12:00`);
  await form.getByPlaceholder('Ends').press('Enter');
  await choose(page, form, 'Duty station', 'Nairobi');
  await form.getByLabel('Scenario').fill('Loss of the Gigiri complex for three days during the rainy season.');
  // No objectives: the server refuses the exercise and says why.
  await form.getByRole('button', { name: 'Remove objective 1' }).click();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(form.locator('.ant-form-item-explain-error')).toHaveText('An exercise needs at least one objective');
  await form.getByRole('button', { name: 'Add objective' }).click();
  await form.getByRole('textbox', { name: 'Objective 1', exact: true }).fill('Walk through the activation of the BC plan');
  await form.getByRole('button', { name: 'Add objective' }).click();
  await form.getByRole('textbox', { name: 'Objective 2', exact: true }).fill('Reach every CMT member through the call tree');
  await choose(page, form, 'Plans exercised', 'E2E Nairobi', TITLE);
  await form.getByRole('button', { name: 'Add person' }).click();
  await choose(page, form, 'Person 1', focalPerson.familyName, `${focalPerson.familyName}, ${focalPerson.givenName}`);
  await pick(page, form, 'Role of person 1', 'Controller');
  await expectAccessible(page, 'exercise form');
  await page.getByRole('button', { name: 'Save' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText(EXERCISE);
  await expect(page.getByTestId('exercise-details')).toContainText(TITLE);
  await pick(page, page.getByTestId('objectives'), 'Result of “Walk through the activation of the BC plan”', 'Met');
  await page.getByRole('button', { name: 'Save the result of “Walk through the activation of the BC plan”' }).click();
  await expect(page.getByText('Result saved')).toBeVisible();
  await pick(page, page.getByTestId('objectives'), 'Result of “Reach every CMT member through the call tree”', 'Partly met');
  await page.getByLabel('Note on “Reach every CMT member through the call tree”').fill('Two numbers were out of date');
  await page.getByRole('button', { name: 'Save the result of “Reach every CMT member through the call tree”' }).click();
  await pick(page, page.getByTestId('participants'), 'Attendance of person 1', 'Attended');
  await expect(page.getByText('1 of 1 attended.')).toBeVisible();
  await expectAccessible(page, 'exercise page');

  // The after-action review: a finding without an owner is refused; with one it becomes a corrective action.
  await page.getByRole('button', { name: 'Record after-action review' }).click();
  const aar = page.getByTestId('aar-form');
  await expect(aar.getByLabel('Title')).toHaveValue(`After-action review: ${EXERCISE}`);
  await aar.getByLabel('What happened').fill('The CMT walked through the plan for the loss of the Gigiri complex.');
  await aar.getByLabel('What worked').fill('Activation criteria were clear.');
  await aar.getByLabel('What did not work').fill('Two CMT numbers in the call tree were out of date.');
  await aar.getByRole('button', { name: 'Add finding' }).click();
  await aar.getByRole('textbox', { name: 'Finding 1', exact: true }).fill('Call-tree numbers out of date');
  await aar.getByRole('textbox', { name: 'Corrective action 1', exact: true }).fill('Ask every CMT member to check their numbers in ORMS');
  await aar.getByRole('textbox', { name: 'Due date of action 1', exact: true }).fill('2030-01-31');
  await aar.getByRole('textbox', { name: 'Due date of action 1', exact: true }).press('Enter');
  await page.getByRole('button', { name: 'Save review' }).click();
  await expect(fieldError(page, 'combobox', 'Owner of action 1')).toContainText('Required');
  await expectAccessible(page, 'after-action review form');
  await choose(page, aar, 'Owner of action 1', focalPerson.familyName, `${focalPerson.familyName}, ${focalPerson.givenName}`);
  await expect(aar.getByRole('combobox', { name: 'Plan to update (action 1)' }).locator(SELECT_ROOT)).toContainText(TITLE);
  await page.getByRole('button', { name: 'Save review' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`After-action review: ${EXERCISE}`);
  await expect(page.getByTestId('aar-actions')).toContainText('Call-tree numbers out of date');
  await expectAccessible(page, 'after-action review');

  // A lesson from the review, found in the shared library.
  await page.getByRole('button', { name: 'Record a lesson' }).click();
  const lesson = page.getByTestId('lesson-form');
  await lesson.getByLabel('Title').fill(`Check call-tree numbers before each drill ${STAMP}`);
  await lesson.getByRole('textbox', { name: 'Lesson', exact: true }).fill('Numbers go stale: ask people to confirm theirs a week before every call-tree test.');
  await pick(page, lesson, 'Category', 'Communications');
  await lesson.getByRole('combobox', { name: 'Tags' }).fill('calltree');
  await lesson.getByRole('combobox', { name: 'Tags' }).press('Enter');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText(`Check call-tree numbers before each drill ${STAMP}`)).toBeVisible();

  // The plan is flagged for review by the exercise finding.
  await page.goto(`/plans/${planId}`);
  await expect(page.getByTestId('flagged-alert')).toContainText('Flagged for review: Exercise finding');
  await expect(page.getByTestId('flagged-alert')).toContainText('Call-tree numbers out of date');
  await page.goto('/plans/reviews?view=flagged');
  await expect(page.getByTestId('reviews-table')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('reviews-table').getByRole('link', { name: TITLE })).toBeVisible();
  await expectAccessible(page, 'reviews due');

  await page.goto('/exercises/reviews');
  await expect(page.getByTestId('reviews-table')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('reviews-table').getByRole('link', { name: `After-action review: ${EXERCISE}` })).toBeVisible();
  await expectAccessible(page, 'after-action reviews');

  // The corrective-action tracker, and the owner moving the action on.
  await page.goto('/exercises/actions');
  const actions = page.getByTestId('actions-table');
  await expect(actions).toHaveAttribute('data-ready', 'true');
  const row = actions.getByRole('row').filter({ hasText: 'Call-tree numbers out of date' });
  await expect(row).toContainText(TITLE);
  await pick(page, row, 'Status: Ask every CMT member to check their numbers in ORMS', 'In progress');
  await expect(row.getByRole('combobox')).toHaveCount(1);
  await expectAccessible(page, 'corrective actions');

  await page.goto('/exercises/lessons');
  await page.getByTestId('lessons-search').getByRole('searchbox').fill('call-tree stale');
  await page.getByTestId('lessons-search').getByRole('searchbox').press('Enter');
  const lessons = page.getByTestId('lessons-list');
  await expect(lessons).toHaveAttribute('data-ready', 'true');
  await expect(lessons).toContainText(`Check call-tree numbers before each drill ${STAMP}`);
  await page.getByTestId('tag-cloud').getByRole('button', { name: /#calltree/ }).click();
  await expect(page).toHaveURL(/tag=calltree/);
  await expectAccessible(page, 'lessons library');

  // The calendar shows the exercise; its subscription feed works without a session.
  await page.goto('/exercises?view=calendar');
  await expect(page.getByTestId('exercise-calendar').getByRole('link', { name: EXERCISE })).toBeVisible();
  await expectAccessible(page, 'exercise calendar');
  await page.getByRole('button', { name: 'Calendar feed' }).click();
  const url = await page.getByTestId('feed-url').inputValue();
  expect(url).toMatch(/\/api\/v1\/exercises\/feed\/.+\.ics$/);
  const anonymous = await playwrightRequest.newContext();
  const feed = await anonymous.get(url);
  expect(feed.headers()['content-type']).toMatch(/text\/calendar/);
  expect(await feed.text()).toContain(EXERCISE);
  await anonymous.dispose();
});

test('an administrator sees that the policy stops them approving their own draft, and manages plan types', async ({ page }) => {
  await signIn(page, undefined, '/plans/types');
  await expect(page.getByTestId('plan-types')).toContainText('Business continuity plan');
  await expectAccessible(page, 'plan types');
  const csrf = await apiSignIn(page.request);
  const types = await (await page.request.get('/api/v1/plan-types')).json() as { id: string; key: string }[];
  const created = await (await page.request.post('/api/v1/plans', {
    headers: { 'x-csrf-token': csrf },
    data: { title: `Admin-drafted evacuation plan ${STAMP}`, planTypeId: types.find((x) => x.key === 'evacuation_fire')!.id, locationId: nairobiId, ownerPersonId: focalPerson.id },
  })).json();
  await page.request.post(`/api/v1/plans/${created.id}/versions/${created.workingVersion.id}/submit`, { headers: { 'x-csrf-token': csrf }, data: {} });
  await page.goto('/plans/approvals');
  await expect(page.getByTestId('inbox-table').getByRole('row').filter({ hasText: `Admin-drafted evacuation plan ${STAMP}` })).toContainText('You drafted it');
  await page.goto(`/plans/${created.id}?tab=approval`);
  await expect(page.getByTestId('own-draft')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Approve' })).toBeDisabled();
});

test('the editor never loses text: a failed save says so and retries; text left unsaved is offered back', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, FOCAL, '/plans');
  const csrf = await apiSignIn(page.request, FOCAL);
  const types = await (await page.request.get('/api/v1/plan-types')).json() as { id: string; key: string }[];
  const plan = await (await page.request.post('/api/v1/plans', {
    headers: { 'x-csrf-token': csrf },
    data: { title: `Autosave plan ${STAMP}`, planTypeId: types.find((x) => x.key === 'crisis_communications')!.id, locationId: nairobiId, ownerPersonId: focalPerson.id },
  })).json();
  await page.goto(`/plans/${plan.id}`);
  const editor = page.getByTestId('section-editor');
  await saved(page);

  // The server cannot be reached: the state says so, the text stays, and it is saved once the server answers.
  const versionUrl = `**/api/v1/plans/${plan.id}/versions/${plan.workingVersion.id}`;
  await page.route(versionUrl, (route) => (route.request().method() === 'PUT' ? route.abort() : route.continue()));
  await editor.getByLabel('Text of block 1').fill('Text typed while offline');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'error');
  await expect(page.getByTestId('save-state')).toContainText('Your text is kept in this browser');
  await expect(editor.getByLabel('Text of block 1')).toHaveValue('Text typed while offline');
  await page.unroute(versionUrl);
  await page.getByRole('button', { name: 'Save now' }).click();
  await saved(page);

  // Leaving the page while the server fails: coming back offers the browser's copy.
  await page.route(versionUrl, (route) => (route.request().method() === 'PUT' ? route.fulfill({ status: 503, body: '' }) : route.continue()));
  await editor.getByLabel('Text of block 1').fill('Text the server never received');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'error');
  await page.getByRole('navigation', { name: 'Plans pages' }).getByRole('link', { name: 'Library' }).click();
  await expect(page.getByTestId('plans-table')).toBeVisible();
  await page.unroute(versionUrl);
  await page.goto(`/plans/${plan.id}`);
  await expect(page.getByTestId('backup-found')).toBeVisible();
  await expect(editor.getByLabel('Text of block 1')).toHaveValue('Text typed while offline');
  await page.getByTestId('backup-found').getByRole('button', { name: 'Restore them' }).click();
  await expect(editor.getByLabel('Text of block 1')).toHaveValue('Text the server never received');
  await saved(page);
  await page.reload();
  await expect(editor.getByLabel('Text of block 1')).toHaveValue('Text the server never received');
  await expect(page.getByTestId('backup-found')).toHaveCount(0);
});

test('staff of the duty station read the plan in force and print their wallet card, nothing more', async ({ page }) => {
  await signIn(page, STAFF, '/plans');
  const table = page.getByTestId('plans-table');
  await expect(table).toHaveAttribute('data-ready', 'true');
  await expect(page.getByRole('button', { name: 'New plan' })).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Plans pages' }).getByRole('link')).toHaveText(['Library', 'Wallet cards']);
  await table.getByRole('link', { name: TITLE }).click();
  await expect(page.getByTestId('plan-content')).toContainText('Director-General of UNON for all staff'); // version 1 in force, not the draft of version 2
  await expect(page.getByRole('tab')).toHaveText(['Content', 'Details', 'Activations']);
  await expect(page.getByRole('button', { name: 'Edit details' })).toHaveCount(0);
  await expectAccessible(page, 'plan as staff');
  await page.goto('/plans/wallet-cards');
  const card = await pdfText(await download(page, page.getByRole('link', { name: 'My duty station\'s card (PDF)' })));
  expect(card).toContain(`UN Nairobi emergency card ${STAMP}`);
});
