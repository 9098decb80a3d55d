import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { apiSignIn, choose, expectAccessible, signIn } from './helpers';

const RUN = Date.now();
const STAFF = { email: `traveller-${RUN}@example.org`, password: 'Traveller-password-1' };
const ADVISER = { email: `sa-beirut-${RUN}@example.org`, password: 'Adviser-password-1' };
const PURPOSE = `E2E ESCWA workshop ${RUN}`;
const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const [D1, D2, DURING] = [day(20), day(24), day(22)];

let ids: { nairobi: string; beirut: string; geneva: string; person: string; personName: string; level: number };

async function station(request: APIRequestContext, name: string): Promise<string> {
  const res = await request.get(`/api/v1/locations?q=${encodeURIComponent(name)}&kind=duty_station`);
  return (await res.json()).items.find((l: { name: string }) => l.name === name).id;
}

test.beforeAll(async ({ request }) => {
  const csrf = await apiSignIn(request);
  const [nairobi, beirut, geneva] = [await station(request, 'Nairobi'), await station(request, 'Beirut'), await station(request, 'Geneva')];
  const person = (await (await request.get(`/api/v1/people?locationId=${nairobi}&kind=staff&pageSize=1`)).json()).items[0];
  const area = (await (await request.get('/api/v1/security/areas?countryCode=LB')).json()).find((a: { locationIds: string[] }) => a.locationIds.includes(beirut));
  ids = { nairobi, beirut, geneva, person: person.id, personName: `${person.givenName} ${person.familyName}`, level: area.currentLevel.level };
  for (const [who, name, personId, grants] of [
    [STAFF, 'Travelling staff member', person.id, [{ role: 'staff', scopeType: 'org', scopeId: null }]],
    [ADVISER, 'Security Adviser Beirut', null, [{ role: 'security_adviser', scopeType: 'location', scopeId: beirut }]],
  ] as const) {
    const res = await request.post('/api/v1/users', { headers: { 'x-csrf-token': csrf }, data: { email: who.email, displayName: name, password: who.password, personId, grants } });
    expect(res.status(), await res.text()).toBe(201);
  }
});

/** Types an ISO day into an antd date picker and confirms it. */
async function typeDay(scope: Locator, label: string, value: string) {
  const input = scope.getByRole('textbox', { name: label, exact: true });
  await input.click();
  await input.fill(value);
  await input.press('Tab');
}

async function signOut(page: Page) {
  await page.context().clearCookies();
}

test('a staff member files a trip, the destination\'s security adviser clears it seeing its level, and the traveller counts there', async ({ page, request }) => {
  test.setTimeout(150_000);
  // ---- the traveller: my travel, where I am now, a new request with two legs
  await signIn(page, STAFF, '/travel');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My travel');
  await expect(page.getByTestId('whereabouts')).toHaveAttribute('data-source', 'home');
  await expect(page.getByTestId('whereabouts-card')).toContainText('Nairobi');
  await expect(page.getByTestId('trips')).toHaveAttribute('data-ready', 'true');
  await expectAccessible(page, 'my travel');

  await page.getByTestId('new-trip').click();
  const form = page.getByTestId('trip-form');
  await form.getByLabel('Purpose of travel').fill(PURPOSE);
  const leg1 = form.getByTestId('leg-0');
  await expect(leg1.getByRole('combobox', { name: 'From', exact: true })).toBeVisible();
  await expect(leg1).toContainText('Nairobi'); // starts from the traveller's duty station
  await choose(page, leg1, 'To', 'Beirut');
  await typeDay(leg1, 'Travel on', D1);
  await typeDay(leg1, 'Stay until', D2);
  await form.getByTestId('add-leg').click();
  const leg2 = form.getByTestId('leg-1');
  await expect(leg2).toContainText('Beirut'); // the next leg starts where the first one ends
  await choose(page, leg2, 'To', 'Nairobi');
  await expectAccessible(page, 'travel request form');
  // A return before the stay ends overlaps: the API's message shows at the field.
  await typeDay(leg2, 'Travel on', D1);
  await typeDay(leg2, 'Stay until', D2);
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(leg2.locator('.ant-form-item-explain-error')).toContainText(`Overlaps leg 1, which ends on ${D2}`);
  await typeDay(leg2, 'Travel on', D2);
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(form).toBeHidden();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText(PURPOSE);
  await expect(page.getByTestId('trip-status')).toContainText('Draft');
  const legs = page.getByTestId('trip-legs');
  await expect(legs.getByRole('row').nth(1).locator(`[data-level="${ids.level}"]`)).toBeVisible(); // Beirut's level
  await expectAccessible(page, 'trip page');
  await page.getByTestId('submit-trip').click();
  await expect(page.getByTestId('trip-status')).toContainText('Awaiting clearance');
  await expect(legs.getByRole('row').nth(1).locator('[data-clearance="pending"]')).toBeVisible();
  await expect(legs.getByRole('row').nth(2).locator('[data-clearance="not_required"]')).toBeVisible();

  // Where I am now: the traveller says they are in Geneva today.
  await page.goto('/travel');
  await page.getByTestId('update-location').click();
  const where = page.getByTestId('whereabouts-form');
  await choose(page, where, 'Duty station', 'Geneva');
  await where.getByLabel('Note').fill('Consultations');
  await expectAccessible(page, 'where I am form');
  await page.getByRole('button', { name: 'Save my location' }).click();
  await expect(where).toBeHidden();
  await expect(page.getByTestId('whereabouts')).toHaveAttribute('data-source', 'self');
  await expect(page.getByTestId('whereabouts-card')).toContainText('Geneva');
  await expect(page.getByTestId('trips').getByRole('row').filter({ hasText: PURPOSE })).toContainText('Awaiting clearance');
  await signOut(page);

  // ---- the security adviser of Beirut clears it, seeing Beirut's level
  await signIn(page, ADVISER, '/travel/clearances');
  const inbox = page.getByTestId('clearances');
  await expect(inbox).toHaveAttribute('data-ready', 'true');
  const row = inbox.getByRole('row').filter({ hasText: PURPOSE });
  await expect(row.locator(`[data-level="${ids.level}"]`)).toBeVisible();
  await expectAccessible(page, 'clearance inbox');
  await row.getByRole('button', { name: 'Clear' }).click();
  const decision = page.getByTestId('clearance-form');
  await expect(decision.getByTestId('clearance-level').locator(`[data-level="${ids.level}"]`)).toBeVisible();
  await decision.getByLabel('Conditions or advice (optional)').fill('Register with the security office on arrival');
  await expectAccessible(page, 'clearance decision');
  await page.getByRole('button', { name: 'Clear', exact: true }).last().click();
  await expect(decision).toBeHidden();
  await expect(inbox.getByRole('row').filter({ hasText: PURPOSE })).toHaveCount(0);
  await page.getByRole('tab', { name: 'Decided by me' }).click();
  await expect(page.getByTestId('clearances').getByRole('row').filter({ hasText: PURPOSE })).toContainText('Cleared');

  // Travellers at Beirut on a day of the trip: the table and the map.
  await page.goto(`/travel/travellers?on=${DURING}`);
  const travellers = page.getByTestId('travellers');
  await expect(travellers).toHaveAttribute('data-ready', 'true');
  await expect(travellers.getByRole('row').filter({ hasText: ids.personName.split(' ').pop()! })).toContainText('Beirut');
  await expectAccessible(page, 'travellers');
  await page.getByRole('tab', { name: 'Map' }).click();
  await expect(page.getByTestId('travellers-map')).toHaveAttribute('data-rendered', /[1-9]/);
  await expectAccessible(page, 'travellers map');

  // ---- the audience for Beirut on the trip's day counts the traveller (API)
  const csrf = await apiSignIn(request);
  const preview = async (onDate: string) => (await (await request.post('/api/v1/notify/audience/preview', {
    headers: { 'x-csrf-token': csrf }, data: { audience: { include: [{ type: 'location', id: ids.beirut }], onDate } },
  })).json()).recipients as number;
  const before = await preview(day(40));
  expect(await preview(DURING)).toBe(before + 1);
  const trip = (await (await request.get(`/api/v1/travel/trips?personId=${ids.person}`)).json()).items.find((t: { purpose: string }) => t.purpose === PURPOSE);
  expect(trip.status).toBe('cleared');
  expect(trip.legs[0]).toMatchObject({ clearance: 'approved', levelAtDecision: ids.level, decidedBy: ADVISER.email });

  // The person's page shows where they are now (an administrator looks).
  await signOut(page);
  await signIn(page, undefined, `/org/people/${ids.person}`);
  await expect(page.getByTestId('whereabouts-card')).toContainText('Geneva');
  await expect(page.getByTestId('whereabouts-card')).toContainText('Consultations');
});
