import { parse } from 'csv-parse/sync';
import type { z } from 'zod';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/types.js';
import { isUuid, newId, nowIso } from '../../domain/ids.js';
import { AppError } from '../../server/errors.js';
import { renderTable, unguardCell } from '../../server/tabular.js';
import { ctxActor, type Ctx } from '../../server/context.js';
import { recordAudit } from '../audit/service.js';
import { can, orgScope, personResource } from './policy.js';
import { locationInput, personInput } from './schema.js';
import { locationRow, presentLocation, type LocationInput } from './locations.service.js';
import { contactRows, personProblems, personRow, presentPerson, type PersonInput } from './people.service.js';

/**
 * CSV import and export of people and locations, in the flat shape HR systems export.
 * An import is validated whole first; one bad row means nothing is written. Rows are matched
 * on external_id, so importing the same file again changes nothing.
 */
export const PEOPLE_COLUMNS = ['external_id', 'kind', 'given_name', 'family_name', 'entity_code', 'duty_station_external_id',
  'sponsor_external_id', 'job_title', 'language', 'status', 'email', 'mobile', 'satellite_phone', 'landline'] as const;
export const LOCATION_COLUMNS = ['external_id', 'kind', 'name', 'parent_external_id', 'country_code', 'city', 'address',
  'latitude', 'longitude', 'time_zone'] as const;

/** Contact columns hold one or more values separated by ';', in order of preference. */
const CONTACT_COLUMNS = [['email', 'email'], ['mobile', 'mobile'], ['satellite_phone', 'satellite'], ['landline', 'landline']] as const;

export interface RowError { row: number; field: string; message: string }
export interface ImportResult { total: number; created: number; updated: number; unchanged: number; dryRun: boolean }

const MAX_ROWS = 200_000;

type Row = Record<string, string>;

function parseCsv(text: string, columns: readonly string[]): Row[] {
  let rows: Row[];
  try {
    rows = parse(text, {
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), skip_empty_lines: true, trim: true, bom: true, relax_column_count: false,
      cast: (value: string) => unguardCell(value),
    });
  } catch (e) {
    throw new AppError(400, 'invalid_csv', `The file is not valid CSV: ${(e as Error).message}`);
  }
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0]!.split(',').map((c) => c.trim().replace(/^"|"$/g, '').toLowerCase());
  const unknown = header.filter((h) => !columns.includes(h));
  const missing = columns.filter((c) => c === 'external_id' && !header.includes(c));
  if (unknown.length || missing.length) {
    throw new AppError(400, 'invalid_csv', `Columns must be among: ${columns.join(', ')}` +
      (unknown.length ? `; unknown: ${unknown.join(', ')}` : '') + (missing.length ? `; missing: ${missing.join(', ')}` : ''));
  }
  if (rows.length > MAX_ROWS) throw new AppError(400, 'invalid_csv', `At most ${MAX_ROWS} rows per file`);
  if (!rows.length) throw new AppError(400, 'invalid_csv', 'The file has no data rows');
  return rows;
}

const blank = (v: string | undefined) => (v === undefined || v === '' ? undefined : v);

function reject(errors: RowError[]): never {
  const rows = [...errors].sort((a, b) => a.row - b.row).slice(0, 1000);
  throw new AppError(400, 'invalid_csv', `${new Set(errors.map((e) => e.row)).size} row(s) are invalid; nothing was imported`, undefined, { rows });
}

/** Line number in the file of data row i (line 1 is the header). */
const lineOf = (i: number) => i + 2;

function zodRowErrors(i: number, issues: z.core.$ZodIssue[], fieldToColumn: Record<string, string>, contactKinds: readonly string[] = []): RowError[] {
  return issues.map((iss) => {
    const field = iss.path[0] === 'contacts' ? 'contacts' : String(iss.path[0] ?? '');
    const key = iss.code === 'unrecognized_keys' ? iss.keys.join(',') : field;
    // A bad contact is reported on the column it came from (email, mobile, ...).
    const contactColumn = field === 'contacts' && typeof iss.path[1] === 'number'
      ? CONTACT_COLUMNS.find(([, kind]) => kind === contactKinds[iss.path[1] as number])?.[0] : undefined;
    return { row: lineOf(i), field: contactColumn ?? fieldToColumn[key] ?? key, message: iss.message };
  });
}

function checkDuplicateIds(rows: Row[], errors: RowError[]) {
  const seen = new Map<string, number>();
  rows.forEach((r, i) => {
    const id = r.external_id;
    if (!id) { errors.push({ row: lineOf(i), field: 'external_id', message: 'Required for import' }); return; }
    const first = seen.get(id);
    if (first !== undefined) errors.push({ row: lineOf(i), field: 'external_id', message: `Duplicate of line ${lineOf(first)}` });
    else seen.set(id, i);
  });
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

// ---------------------------------------------------------------- locations

const LOCATION_FIELD_COLUMNS: Record<string, string> = {
  externalId: 'external_id', parentId: 'parent_external_id', countryCode: 'country_code', timeZone: 'time_zone',
};

export async function importLocations(ctx: Ctx, text: string, dryRun = false): Promise<ImportResult> {
  const rows = parseCsv(text, LOCATION_COLUMNS);
  const errors: RowError[] = [];
  checkDuplicateIds(rows, errors);
  return ctx.db.transaction().execute(async (trx) => {
    // Rows match on external_id, or on the internal id for locations exported without one.
    const all = await trx.selectFrom('locations').selectAll().execute();
    const existing = new Map(all.flatMap((l) => (l.external_id ? [[l.external_id, l], [l.id, l]] as const : [[l.id, l]] as const)));
    const countries = new Set((await trx.selectFrom('countries').select('code').execute()).map((c) => c.code));
    // Parents may be earlier or later in the same file: assign ids to new rows first.
    const idOf = new Map<string, string>([...existing].map(([ext, l]) => [ext, l.id]));
    for (const r of rows) if (r.external_id && !idOf.has(r.external_id)) idOf.set(r.external_id, newId());
    const kindInFile = new Map(rows.map((r) => [r.external_id, r.kind]));
    const inputs: { i: number; input: LocationInput; id: string }[] = [];
    rows.forEach((r, i) => {
      const parentExt = blank(r.parent_external_id);
      const parentId = parentExt ? idOf.get(parentExt) : null;
      if (parentExt && !parentId) errors.push({ row: lineOf(i), field: 'parent_external_id', message: 'No location with this external_id' });
      const num = (v: string | undefined) => (blank(v) === undefined ? null : Number(v));
      const parsed = locationInput.safeParse({
        externalId: blank(r.external_id), kind: r.kind, name: r.name, parentId: parentId ?? null,
        countryCode: (r.country_code ?? '').toUpperCase(), city: blank(r.city), address: blank(r.address),
        latitude: num(r.latitude), longitude: num(r.longitude), timeZone: r.time_zone,
      });
      if (!parsed.success) { errors.push(...zodRowErrors(i, parsed.error.issues, LOCATION_FIELD_COLUMNS)); return; }
      inputs.push({ i, input: parsed.data, id: idOf.get(r.external_id!)! });
    });
    for (const { i, input, id } of inputs) {
      if (!countries.has(input.countryCode)) errors.push({ row: lineOf(i), field: 'country_code', message: 'Unknown country code' });
      if ((input.latitude === null) !== (input.longitude === null)) errors.push({ row: lineOf(i), field: 'latitude', message: 'Give both latitude and longitude, or neither' });
      // Parent checks against the file as well as the database.
      if (input.kind === 'premises' && !input.parentId) errors.push({ row: lineOf(i), field: 'parent_external_id', message: 'Premises must belong to a duty station' });
      if (input.kind === 'duty_station' && input.parentId) errors.push({ row: lineOf(i), field: 'parent_external_id', message: 'A duty station has no parent' });
      const parentKind = input.parentId ? kindInFile.get(rows[i]!.parent_external_id!) ?? existing.get(rows[i]!.parent_external_id!)?.kind : undefined;
      if (parentKind && parentKind !== 'duty_station') errors.push({ row: lineOf(i), field: 'parent_external_id', message: 'The parent must be a duty station' });
      const scope = { locationId: input.kind === 'premises' ? input.parentId : existing.has(input.externalId!) ? id : null };
      if (!can(ctx.principal, 'location.write', scope)) errors.push({ row: lineOf(i), field: 'external_id', message: 'You may not create or change this location' });
    }
    // A duty station that becomes premises must keep no premises (unless the file moves them) and no residents.
    const newParent = new Map(inputs.map(({ input, id }) => [id, input.parentId]));
    for (const { i, input, id } of inputs) {
      if (input.kind !== 'premises' || existing.get(input.externalId!)?.kind !== 'duty_station') continue;
      const keepsPremises = all.some((l) => l.parent_id === id && (!newParent.has(l.id) || newParent.get(l.id) === id));
      const resident = await trx.selectFrom('people').select('id').where('home_location_id', '=', id).executeTakeFirst();
      if (keepsPremises || resident) errors.push({ row: lineOf(i), field: 'kind', message: 'This duty station has premises or residents; it cannot become premises' });
    }
    if (errors.length) reject(errors);
    const result: ImportResult = { total: rows.length, created: 0, updated: 0, unchanged: 0, dryRun };
    const now = nowIso();
    // Duty stations first, so premises find their parent row.
    const ordered = [...inputs].sort((a, b) => (a.input.kind === b.input.kind ? 0 : a.input.kind === 'duty_station' ? -1 : 1));
    for (const { input, id } of ordered) {
      const old = existing.get(input.externalId!);
      // A location exported without an external ID is listed under its ID; that does not become its external ID.
      const row = locationRow(id, old && !old.external_id ? { ...input, externalId: null } : input, old?.created_at ?? now, now);
      if (old && same(presentLocation({ ...old, updated_at: '' }), presentLocation({ ...row, updated_at: '' }))) { result.unchanged++; continue; }
      if (dryRun) { result[old ? 'updated' : 'created']++; continue; }
      if (old) await trx.updateTable('locations').set(row).where('id', '=', id).execute();
      else await trx.insertInto('locations').values(row).execute();
      result[old ? 'updated' : 'created']++;
      await recordAudit(trx, ctxActor(ctx), {
        action: 'import', subjectType: 'location', subjectId: id, locationId: input.kind === 'premises' ? input.parentId : id,
        before: old ? presentLocation(old) : undefined, after: presentLocation(row),
      });
    }
    return result;
  });
}

export async function exportLocations(ctx: Ctx): Promise<string> {
  const rows = await ctx.db.selectFrom('locations as l').leftJoin('locations as p', 'p.id', 'l.parent_id')
    .select(['l.external_id', 'l.id', 'l.kind', 'l.name', 'p.external_id as parent_ext', 'p.id as parent_id', 'l.country_code', 'l.city', 'l.address', 'l.latitude', 'l.longitude', 'l.time_zone'])
    .orderBy('l.kind').orderBy('l.name').execute();
  return renderTable('csv', LOCATION_COLUMNS, rows.map((r) => [r.external_id ?? r.id, r.kind, r.name, r.parent_ext ?? r.parent_id ?? '', r.country_code, r.city ?? '', r.address ?? '', r.latitude ?? '', r.longitude ?? '', r.time_zone])) as Promise<string>;
}

// ---------------------------------------------------------------- people

const PERSON_FIELD_COLUMNS: Record<string, string> = {
  externalId: 'external_id', givenName: 'given_name', familyName: 'family_name', entityId: 'entity_code',
  homeLocationId: 'duty_station_external_id', sponsorId: 'sponsor_external_id', jobTitle: 'job_title', contacts: 'email',
};

function rowContacts(r: Row) {
  return CONTACT_COLUMNS.flatMap(([column, kind]) => (r[column] ?? '').split(';').map((v) => v.trim()).filter(Boolean).map((value) => ({ kind, value })));
}

export async function importPeople(ctx: Ctx, text: string, dryRun = false): Promise<ImportResult> {
  const rows = parseCsv(text, PEOPLE_COLUMNS);
  const errors: RowError[] = [];
  checkDuplicateIds(rows, errors);
  return ctx.db.transaction().execute(async (trx) => {
    const entityByCode = new Map((await trx.selectFrom('entities').select(['id', 'code']).execute()).map((e) => [e.code.toLowerCase(), e.id]));
    const stationByExt = new Map((await trx.selectFrom('locations').select(['id', 'external_id', 'kind']).where('external_id', 'is not', null).execute()).map((l) => [l.external_id!, l]));
    const exts = rows.map((r) => r.external_id).filter((x): x is string => !!x);
    const existing = new Map<string, Awaited<ReturnType<typeof loadPeople>>[number]>();
    for (let k = 0; k < exts.length; k += 500) for (const p of await loadPeople(trx, exts.slice(k, k + 500))) existing.set(p.key, p);
    const idOf = new Map<string, string>();
    for (const r of rows) if (r.external_id) idOf.set(r.external_id, existing.get(r.external_id)?.id ?? newId());
    const sponsorExts = [...new Set(rows.map((r) => r.sponsor_external_id).filter((s): s is string => !!s && !idOf.has(s)))];
    for (let k = 0; k < sponsorExts.length; k += 500) for (const p of await loadPeople(trx, sponsorExts.slice(k, k + 500))) idOf.set(p.key, p.id);

    const inputs: { i: number; input: PersonInput; id: string }[] = [];
    rows.forEach((r, i) => {
      const line = lineOf(i);
      const code = blank(r.entity_code);
      const entityId = code ? entityByCode.get(code.toLowerCase()) : null;
      if (code && !entityId) errors.push({ row: line, field: 'entity_code', message: 'No entity with this code' });
      const stationExt = blank(r.duty_station_external_id);
      const station = stationExt ? stationByExt.get(stationExt) : undefined;
      if (stationExt && !station) errors.push({ row: line, field: 'duty_station_external_id', message: 'No location with this external_id' });
      else if (station && station.kind !== 'duty_station') errors.push({ row: line, field: 'duty_station_external_id', message: 'Must be a duty station' });
      const sponsorExt = blank(r.sponsor_external_id);
      const sponsorId = sponsorExt ? idOf.get(sponsorExt) : null;
      if (sponsorExt && !sponsorId) errors.push({ row: line, field: 'sponsor_external_id', message: 'No person with this external_id' });
      const contacts = rowContacts(r);
      const parsed = personInput.safeParse({
        externalId: blank(r.external_id), kind: r.kind || 'staff', givenName: r.given_name, familyName: r.family_name,
        entityId: entityId ?? null, homeLocationId: station?.id ?? null, sponsorId: sponsorId ?? null, jobTitle: blank(r.job_title),
        language: r.language || 'en', status: r.status || 'active', contacts,
      });
      if (!parsed.success) { errors.push(...zodRowErrors(i, parsed.error.issues, PERSON_FIELD_COLUMNS, contacts.map((c) => c.kind))); return; }
      const input = parsed.data;
      if (input.kind === 'dependant' && !input.sponsorId && !sponsorExt) errors.push({ row: line, field: 'sponsor_external_id', message: 'A dependant needs the staff member they depend on' });
      if (input.kind !== 'dependant' && sponsorExt) errors.push({ row: line, field: 'sponsor_external_id', message: 'Only dependants have a sponsor' });
      const old = existing.get(input.externalId!);
      const allowed = can(ctx.principal, 'person.write', personResource(input))
        && (!old || can(ctx.principal, 'person.write', personResource({ entityId: old.entity_id, homeLocationId: old.home_location_id })));
      if (!allowed) errors.push({ row: line, field: 'entity_code', message: 'You may not create or change people of this entity or duty station' });
      inputs.push({ i, input, id: idOf.get(input.externalId!)! });
    });
    const kindByExt = new Map(rows.map((r) => [r.external_id, r.kind || 'staff']));
    for (const { i, input } of inputs) {
      const sponsorExt = blank(rows[i]!.sponsor_external_id);
      const sponsorKind = sponsorExt ? kindByExt.get(sponsorExt) ?? (await personKind(trx, input.sponsorId)) : undefined;
      if (sponsorKind === 'dependant') errors.push({ row: lineOf(i), field: 'sponsor_external_id', message: 'A sponsor cannot be a dependant' });
    }
    // Someone who becomes a dependant must not be left sponsoring anyone the file does not move elsewhere.
    const newSponsor = new Map(inputs.map(({ input, id }) => [id, input.sponsorId]));
    for (const { i, input, id } of inputs) {
      const old = existing.get(input.externalId!);
      if (input.kind !== 'dependant' || !old || old.kind === 'dependant') continue;
      const dependants = await trx.selectFrom('people').select('id').where('sponsor_id', '=', id).execute();
      if (dependants.some((d) => !newSponsor.has(d.id) || newSponsor.get(d.id) === id)) {
        errors.push({ row: lineOf(i), field: 'kind', message: 'This person sponsors dependants, so cannot be a dependant' });
      }
    }
    if (errors.length) reject(errors);

    const result: ImportResult = { total: rows.length, created: 0, updated: 0, unchanged: 0, dryRun };
    const now = nowIso();
    // Sponsors before dependants, so the foreign key finds its row.
    const ordered = [...inputs].sort((a, b) => Number(a.input.kind === 'dependant') - Number(b.input.kind === 'dependant'));
    for (const { input, id } of ordered) {
      const old = existing.get(input.externalId!);
      // A person exported without an external ID is listed under their ID; that does not become their external ID.
      const row = personRow(id, old && !old.external_id ? { ...input, externalId: null } : input, old?.created_at ?? now, now);
      // The file has no label column: a contact that is already on record keeps its label.
      const contacts = contactRows(id, input.contacts)
        .map((c) => ({ ...c, label: c.label ?? old?.contacts.find((o) => o.kind === c.kind && o.value === c.value)?.label ?? null }));
      const after = presentPerson(row, contacts.map((c) => ({ kind: c.kind, value: c.value, label: c.label })));
      const before = old ? presentPerson(old, old.contacts) : undefined;
      if (before && same({ ...before, updatedAt: '' }, { ...after, updatedAt: '' })) { result.unchanged++; continue; }
      result[old ? 'updated' : 'created']++;
      if (dryRun) continue;
      if (old) {
        await trx.updateTable('people').set(row).where('id', '=', id).execute();
        await trx.deleteFrom('contact_points').where('person_id', '=', id).execute();
      } else {
        await trx.insertInto('people').values(row).execute();
      }
      if (contacts.length) await trx.insertInto('contact_points').values(contacts).execute();
      await recordAudit(trx, ctxActor(ctx), { action: 'import', subjectType: 'person', subjectId: id, entityId: row.entity_id, locationId: row.home_location_id, before, after });
    }
    return result;
  });
}

async function personKind(trx: Transaction<Database>, id: string | null): Promise<string | undefined> {
  if (!id) return undefined;
  return (await trx.selectFrom('people').select('kind').where('id', '=', id).executeTakeFirst())?.kind;
}

async function loadPeople(trx: Transaction<Database>, externalIds: string[]) {
  // Match on external_id, or on the internal id for people exported without one.
  const uuids = externalIds.filter(isUuid);
  const people = await trx.selectFrom('people').selectAll()
    .where((eb) => eb.or([eb('external_id', 'in', externalIds), ...(uuids.length ? [eb('id', 'in', uuids)] : [])])).execute();
  if (!people.length) return [];
  const contacts = await trx.selectFrom('contact_points').select(['person_id', 'kind', 'value', 'label'])
    .where('person_id', 'in', people.map((p) => p.id)).orderBy('person_id').orderBy('priority').execute();
  const byPerson = new Map<string, { kind: string; value: string; label: string | null }[]>();
  for (const { person_id, kind, value, label } of contacts) {
    const list = byPerson.get(person_id) ?? [];
    list.push({ kind, value, label });
    byPerson.set(person_id, list);
  }
  return people.map((p) => ({ ...p, key: externalIds.includes(p.external_id ?? '') ? p.external_id! : p.id, contacts: byPerson.get(p.id) ?? [] }));
}

export async function exportPeople(ctx: Ctx, filter: { entityId?: string | undefined; locationId?: string | undefined }): Promise<string> {
  const scope = orgScope(ctx.principal, 'person.read');
  let qb = ctx.db.selectFrom('people as p')
    .leftJoin('entities as e', 'e.id', 'p.entity_id')
    .leftJoin('locations as l', 'l.id', 'p.home_location_id')
    .leftJoin('people as s', 's.id', 'p.sponsor_id')
    .select(['p.id', 'p.external_id', 'p.kind', 'p.given_name', 'p.family_name', 'e.code as entity_code', 'l.external_id as station_ext', 'l.id as station_id',
      's.external_id as sponsor_ext', 's.id as sponsor_id', 'p.job_title', 'p.language', 'p.status']);
  if (!scope.all) {
    const selfId = ctx.principal.personId;
    qb = qb.where((eb) => eb.or([
      ...(scope.entityIds.length ? [eb('p.entity_id', 'in', scope.entityIds)] : []),
      ...(scope.locationIds.length ? [eb('p.home_location_id', 'in', scope.locationIds)] : []),
      ...(selfId ? [eb('p.id', '=', selfId)] : []),
      eb.lit(false),
    ]));
  }
  if (filter.entityId) qb = qb.where('p.entity_id', '=', filter.entityId);
  if (filter.locationId) qb = qb.where('p.home_location_id', '=', filter.locationId);
  const people = await qb.orderBy('p.family_name').orderBy('p.given_name').orderBy('p.id').execute();
  const contacts = new Map<string, Record<string, string[]>>();
  for (let k = 0; k < people.length; k += 5000) {
    const ids = people.slice(k, k + 5000).map((p) => p.id);
    const rows = await ctx.db.selectFrom('contact_points').select(['person_id', 'kind', 'value']).where('person_id', 'in', ids).orderBy('priority').execute();
    for (const c of rows) {
      const byKind = contacts.get(c.person_id) ?? {};
      (byKind[c.kind] ??= []).push(c.value);
      contacts.set(c.person_id, byKind);
    }
  }
  return renderTable('csv', PEOPLE_COLUMNS, people.map((p) => {
    const c = contacts.get(p.id) ?? {};
    return [p.external_id ?? p.id, p.kind, p.given_name, p.family_name, p.entity_code ?? '', p.station_ext ?? p.station_id ?? '', p.sponsor_ext ?? p.sponsor_id ?? '',
      p.job_title ?? '', p.language, p.status, ...CONTACT_COLUMNS.map(([, kind]) => (c[kind] ?? []).join(';'))];
  })) as Promise<string>;
}
