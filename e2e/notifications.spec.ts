import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { apiSignIn, choose, expectAccessible, signIn } from './helpers';
import { readSink } from './smtp-sink';

/**
 * Emergency notification end to end: a focal point writes a message from a template to two duty
 * stations, a second focal point approves it, the first sends it; answers arrive through the
 * response links in the emails (as a recipient would tap them) and the board in the browser
 * follows without a reload. A staff member linked to a recipient answers from the in-app inbox.
 */
const stamp = Date.now();
const FP = { email: `fp-${stamp}@example.org`, password: 'Focal-point-password-1' };
const APPROVER = { email: `approver-${stamp}@example.org`, password: 'Approver-password-1' };
const STAFF = { email: `staff-notify-${stamp}@example.org`, password: 'Staff-notify-password-1' };
const TEMPLATE = `E2E shelter in place ${stamp}`;
const TITLE = `E2E shelter in place at Gigiri ${stamp}`;

test.describe.configure({ mode: 'serial' });

let staffPerson: { id: string; givenName: string; familyName: string };

async function createUser(request: APIRequestContext, csrf: string, data: object) {
  const res = await request.post('/api/v1/users', { headers: { 'x-csrf-token': csrf }, data });
  expect(res.status(), await res.text()).toBe(201);
}

test.beforeAll(async ({ request }) => {
  const csrf = await apiSignIn(request);
  await createUser(request, csrf, { ...FP, displayName: 'Fatima Focal', grants: [{ role: 'orms_focal_point', scopeType: 'org', scopeId: null }] });
  await createUser(request, csrf, { ...APPROVER, displayName: 'Arturo Approver', grants: [{ role: 'orms_focal_point', scopeType: 'org', scopeId: null }] });
  // A staff member of Nairobi with an account: the message reaches them in the app too.
  const nairobi = (await (await request.get('/api/v1/locations', { params: { q: 'Nairobi', kind: 'duty_station' } })).json()).items[0];
  const people = (await (await request.get('/api/v1/people', { params: { locationId: nairobi.id, pageSize: 50 } })).json()).items as { id: string; kind: string; givenName: string; familyName: string }[];
  staffPerson = people.find((p) => p.kind === 'staff')!;
  await createUser(request, csrf, { ...STAFF, displayName: `${staffPerson.givenName} ${staffPerson.familyName}`, personId: staffPerson.id, grants: [{ role: 'staff', scopeType: 'org', scopeId: null }] });
});

async function signedIn(browser: Browser, who: { email: string; password: string }, path: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, who, path);
  return page;
}

let messageUrl: string;

test('a focal point keeps a template and composes from it, with a live count and map of the audience', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, FP, '/notifications/templates');
  await expect(page.getByTestId('templates-table')).toBeVisible();
  await expectAccessible(page, 'templates');
  await page.getByRole('button', { name: 'New template' }).click();
  const tForm = page.getByTestId('template-form');
  await tForm.getByLabel('Name').fill(TEMPLATE);
  await tForm.getByRole('textbox', { name: 'Subject', exact: true }).fill('Shelter in place at {{place}}');
  await tForm.getByRole('textbox', { name: 'Message', exact: true }).fill('Stay indoors at {{place}} until told otherwise.');
  await tForm.getByRole('textbox', { name: '{{place}}', exact: true }).fill('your office');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(tForm).toBeHidden();
  await expect(page.getByTestId('templates-table').getByRole('row').filter({ hasText: TEMPLATE })).toContainText('{{place}}');

  await page.goto('/notifications');
  await expect(page.getByTestId('messages-table')).toBeVisible();
  await expectAccessible(page, 'message history');
  await page.getByRole('button', { name: 'New message' }).click();
  const form = page.getByTestId('compose-form');
  await choose(page, form, 'Start from a template', TEMPLATE);
  await expect(form.getByRole('textbox', { name: 'Subject', exact: true })).toHaveValue('Shelter in place at {{place}}');
  await form.getByLabel('Title').fill(TITLE);
  await form.getByRole('textbox', { name: '{{place}}', exact: true }).fill('Gigiri');
  // The Arabic text, with the answers in Arabic.
  await form.getByTestId('add-language').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: 'العربية' }).click();
  await form.getByRole('tab', { name: 'العربية' }).click();
  const ar = form.locator('[lang="ar"][dir="rtl"]');
  await ar.getByRole('textbox', { name: 'Subject', exact: true }).fill('احتموا في أماكنكم في {{place}}');
  await ar.getByRole('textbox', { name: 'Message', exact: true }).fill('ابقوا في الداخل حتى إشعار آخر.');
  await ar.getByLabel('“I am safe” in العربية').fill('أنا بأمان');
  await ar.getByLabel('“I need help” in العربية').fill('أحتاج إلى مساعدة');

  // Audience: Nairobi and Beirut; the count follows the rules as they change.
  await choose(page, form, 'Rule 1: Duty station', 'Nairobi');
  const count = form.getByTestId('recipient-count');
  await expect(form.getByTestId('audience-preview')).toHaveAttribute('data-ready', 'true');
  const nairobiOnly = Number((await count.innerText()).replace(/\D/g, ''));
  expect(nairobiOnly).toBeGreaterThan(5);
  await form.getByRole('button', { name: 'Add a rule' }).click();
  await choose(page, form, 'Rule 2: Duty station', 'Beirut');
  await expect.poll(async () => Number((await count.innerText()).replace(/\D/g, ''))).toBeGreaterThan(nairobiOnly);
  await expect(form.getByTestId('duty-station-map')).toHaveAttribute('data-rendered', '2');
  await expect(form.getByTestId('text-preview')).toContainText('Shelter in place at Gigiri');
  await expectAccessible(page, 'compose');
  await page.getByRole('button', { name: 'Save and ask for approval' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE);
  await expect(page.locator('[data-status="pending_approval"]')).toBeVisible();
  messageUrl = page.url();
  await expect(page.getByTestId('message-actions').getByRole('button', { name: 'Approve' })).toHaveCount(0); // not one's own
  await expectAccessible(page, 'message awaiting approval');
});

test('a second focal point approves it from the approval inbox', async ({ browser }) => {
  const page = await signedIn(browser, APPROVER, '/notifications/approvals');
  const row = page.getByTestId('approvals-table').getByRole('row').filter({ hasText: TITLE });
  await expect(row).toBeVisible();
  await expectAccessible(page, 'approval inbox');
  await row.getByRole('button', { name: 'Approve' }).click();
  const dialog = page.getByTestId('action-dialog');
  await dialog.getByLabel('Comment').fill('Checked with the security adviser');
  await dialog.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByTestId('approvals-table').getByRole('row').filter({ hasText: TITLE })).toHaveCount(0);
  await page.context().close();
});

test('the focal point sends it and watches answers arrive on the board without reloading', async ({ page, browser, request }) => {
  test.setTimeout(120_000);
  await signIn(page, FP, new URL(messageUrl).pathname);
  await expect(page.locator('[data-status="approved"]')).toBeVisible();
  await expect(page.getByText('Arturo Approver')).toBeVisible();
  await page.getByTestId('send').click();
  const dialog = page.getByTestId('action-dialog');
  await expect(dialog.getByTestId('send-count')).toContainText(/It goes to \d+ people/);
  await dialog.getByRole('button', { name: 'Send' }).click();
  const board = page.getByTestId('board');
  await expect(board).toBeVisible();
  await expect(page.getByTestId('board-live')).toHaveText('Live');
  const recipients = Number((await page.getByTestId('board-recipients').innerText()).replace(/\D/g, ''));
  expect(recipients).toBeGreaterThan(10);
  await expect(page.getByTestId('board-stations').getByRole('row')).toHaveCount(3); // header, Nairobi, Beirut
  await expectAccessible(page, 'accountability board');

  // The emails arrive at the SMTP server; each carries the recipient's own response link.
  await expect.poll(() => readSink().filter((m) => m.subject.includes('Gigiri') || m.raw.includes('Content-Language: ar')).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(recipients - 5);
  const mails = readSink().filter((m) => /\/respond\/[\w.-]+/.test(m.text) && (m.text.includes('Gigiri') || m.raw.includes('Content-Language: ar')));
  const tokenOf = (text: string) => /\/respond\/([\w.-]+)/.exec(text)![1]!;
  const english = mails.filter((m) => m.raw.includes('Content-Language: en'));
  const arabic = mails.find((m) => m.raw.includes('Content-Language: ar'))!;
  expect(english.length).toBeGreaterThan(2);
  expect(arabic.text).toContain('أنا بأمان'); // the reply keys in Arabic
  const answer = (token: string, a: string) => request.post(`/api/v1/respond/${token}`, { data: { answer: a } });

  // Two answers through the links: the board follows live.
  expect((await answer(tokenOf(english[0]!.text), 'I am safe')).ok()).toBeTruthy();
  expect((await answer(tokenOf(english[1]!.text), 'I need help')).ok()).toBeTruthy();
  await expect(page.getByTestId('board-answer-0')).toContainText('1');
  await expect(page.getByTestId('board-answer-1')).toContainText('1');
  // The same answer twice counts once; a change of mind moves the person.
  await answer(tokenOf(english[0]!.text), 'I am safe');
  await answer(tokenOf(english[1]!.text), 'I am safe');
  await expect(page.getByTestId('board-answer-0')).toContainText('2');
  await expect(page.getByTestId('board-answer-1')).toContainText('0');

  // A Beirut recipient opens the link on a phone: Arabic, right to left, one tap.
  const phone = await (await browser.newContext({ viewport: { width: 390, height: 780 }, isMobile: true })).newPage();
  await phone.goto(`/respond/${tokenOf(arabic.text)}`);
  await expect(phone.getByTestId('respond-subject')).toHaveText('احتموا في أماكنكم في Gigiri');
  await expect(phone.locator('.orms-respond')).toHaveAttribute('dir', 'rtl');
  await expectAccessible(phone, 'response page');
  await phone.getByRole('button', { name: 'أحتاج إلى مساعدة' }).click();
  await expect(phone.getByTestId('respond-latest')).toContainText('أحتاج إلى مساعدة');
  await phone.reload();
  await expect(phone.getByTestId('respond-latest')).toContainText('أحتاج إلى مساعدة'); // the latest answer shows
  await expect(page.getByTestId('board-answer-1')).toContainText('1');
  // A forged link: a clear message, nothing recorded.
  await phone.goto(`/respond/${tokenOf(arabic.text)}x`);
  await expect(phone.getByTestId('respond-error')).toBeVisible();
  await phone.context().close();

  // Drill down: who has not answered at Beirut.
  await page.getByTestId('board-stations').getByRole('button', { name: 'Beirut' }).click();
  const drawer = page.getByTestId('recipients-drawer');
  await expect(drawer.locator('[data-answer="I need help"]')).toHaveCount(1);
  await expectAccessible(page, 'board drill-down');
  await drawer.getByRole('button', { name: 'Close' }).click();

  // Delivery dashboard, CSV for the crisis team, resend to the silent.
  await page.getByRole('tab', { name: 'Delivery' }).click();
  await expect(page.getByTestId('delivery-dashboard')).toHaveAttribute('data-pending', '0', { timeout: 20_000 });
  await expectAccessible(page, 'delivery dashboard');
  await expect(page.getByRole('link', { name: 'Export for the crisis team (CSV)' })).toHaveAttribute('href', /recipients\.csv$/);
  await page.getByRole('button', { name: 'Resend to non-responders' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Resend to non-responders' }).click();
  await expect(page.getByText(/Sending again to \d+ addresses/)).toBeVisible();
});

test('a recipient with an account sees it in the app, with a live badge, and answers there', async ({ page }) => {
  await signIn(page, STAFF, '/inbox');
  await expect(page.getByTestId('inbox-badge')).toHaveAttribute('data-unread', /[1-9]/);
  const items = page.getByTestId('inbox-item').filter({ hasText: 'Shelter in place at Gigiri' });
  const item = items.first();
  await expect(item).toBeVisible();
  await expectAccessible(page, 'inbox');
  await item.getByRole('button', { name: 'I am safe' }).click();
  await expect(item.getByRole('button', { name: 'I am safe' })).toHaveAttribute('aria-pressed', 'true');
  // Answering reads the message: none of its items is left unread (the resend above may have
  // brought a second one), and the badge counts exactly the unread items that other specs sent.
  await expect(items.and(page.locator('[data-unread="true"]'))).toHaveCount(0);
  const badge = page.getByTestId('inbox-badge');
  await expect.poll(async () => Number(await badge.getAttribute('data-unread')) - await page.locator('[data-testid="inbox-item"][data-unread="true"]').count()).toBe(0);
});

test('approval policies are listed per scope', async ({ page }) => {
  await signIn(page, undefined, '/notifications/policies');
  await expect(page.getByTestId('policies-table')).toBeVisible();
  await expectAccessible(page, 'approval policies');
});
