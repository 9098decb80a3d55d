import type { z } from 'zod';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/types.js';
import { newId, nowIso } from '../../domain/ids.js';
import { compliancePercent, sumTallies, tally, type ComplianceStatus, type ComplianceTally } from '../../domain/risk/compliance.js';
import { badRequest, forbidden, notFound } from '../../server/errors.js';
import { ctxActor, type Ctx } from '../../server/context.js';
import { recordAudit } from '../audit/service.js';
import { canEditTemplates, canOnLocation } from './policy.js';
import { renderTable } from '../../server/tabular.js';
import type { checkItemInput, complianceSummaryQuery, templateInput } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;

async function presentTemplate(db: Db, t: Database['compliance_templates']) {
  const items = await db.selectFrom('compliance_template_items').select(['id', 'code', 'text']).where('template_id', '=', t.id).orderBy('position').execute();
  return { id: t.id, kind: t.kind, name: t.name, items, createdAt: t.created_at, updatedAt: t.updated_at };
}

export async function listTemplates(ctx: Ctx) {
  const rows = await ctx.db.selectFrom('compliance_templates').selectAll().orderBy('kind').orderBy('name').execute();
  return Promise.all(rows.map((t) => presentTemplate(ctx.db, t)));
}

async function templateRow(db: Db, id: string) {
  const row = await db.selectFrom('compliance_templates').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Checklist template');
  return row;
}

function duplicateCodes(items: { code: string }[]) {
  const seen = new Set<string>();
  items.forEach((it, i) => {
    if (seen.has(it.code)) throw badRequest('Invalid template', { [`items.${i}.code`]: 'Duplicate code' });
    seen.add(it.code);
  });
}

export async function createTemplate(ctx: Ctx, input: z.infer<typeof templateInput>) {
  if (!canEditTemplates(ctx.principal)) throw forbidden('Only organization-wide security advisers edit checklist templates');
  duplicateCodes(input.items);
  return ctx.db.transaction().execute(async (trx) => {
    const now = nowIso();
    const row = { id: newId(), kind: input.kind, name: input.name, created_at: now, updated_at: now };
    await trx.insertInto('compliance_templates').values(row).execute();
    await trx.insertInto('compliance_template_items').values(input.items.map((it, position) => ({ id: newId(), template_id: row.id, code: it.code, text: it.text, position }))).execute();
    const out = await presentTemplate(trx, row);
    await recordAudit(trx, ctxActor(ctx), { action: 'create', subjectType: 'compliance_template', subjectId: row.id, after: out });
    return out;
  });
}

/** Replaces a template's items; items matched by code keep their assessments at every location. */
export async function updateTemplate(ctx: Ctx, id: string, input: z.infer<typeof templateInput>) {
  if (!canEditTemplates(ctx.principal)) throw forbidden('Only organization-wide security advisers edit checklist templates');
  duplicateCodes(input.items);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await templateRow(trx, id);
    const before = await presentTemplate(trx, row);
    const keep = new Map(before.items.map((it) => [it.code, it.id]));
    const codes = new Set(input.items.map((it) => it.code));
    const dropped = before.items.filter((it) => !codes.has(it.code)).map((it) => it.id);
    if (dropped.length) await trx.deleteFrom('compliance_template_items').where('id', 'in', dropped).execute();
    for (const [position, it] of input.items.entries()) {
      const existing = keep.get(it.code);
      if (existing) await trx.updateTable('compliance_template_items').set({ text: it.text, position }).where('id', '=', existing).execute();
      else await trx.insertInto('compliance_template_items').values({ id: newId(), template_id: id, code: it.code, text: it.text, position }).execute();
    }
    const next = { ...row, kind: input.kind, name: input.name, updated_at: nowIso() };
    await trx.updateTable('compliance_templates').set(next).where('id', '=', id).execute();
    const after = await presentTemplate(trx, next);
    await recordAudit(trx, ctxActor(ctx), { action: 'update', subjectType: 'compliance_template', subjectId: id, before, after });
    return after;
  });
}

/** A location's checklist: every template item with the location's assessment of it, if any. */
export const checklist = (ctx: Ctx, locationId: string, templateId: string) => checklistOf(ctx.db, locationId, templateId);

async function checklistOf(db: Db, locationId: string, templateId: string) {
  await templateRow(db, templateId);
  const rows = await db.selectFrom('compliance_template_items as t')
    .leftJoin('compliance_items as c', (j) => j.onRef('c.template_item_id', '=', 't.id').on('c.location_id', '=', locationId))
    .select(['t.id as itemId', 't.code', 't.text', 'c.status', 'c.evidence', 'c.due_date', 'c.updated_at'])
    .where('t.template_id', '=', templateId).orderBy('t.position').execute();
  const items = rows.map((r) => ({ itemId: r.itemId, code: r.code, text: r.text, status: r.status ?? null, evidence: r.evidence ?? '', dueDate: r.due_date ?? null, updatedAt: r.updated_at ?? null }));
  // An item nobody has assessed counts as not compliant: the standard is not shown to be met.
  const percent = compliancePercent(tally(items.map((i) => (i.status ?? 'not_compliant') as ComplianceStatus))) ?? null;
  return { locationId, templateId, percent, items };
}

/** A location's checklist as CSV or XLSX; an item nobody has assessed has an empty status. */
export async function exportChecklist(ctx: Ctx, locationId: string, templateId: string, format: 'csv' | 'xlsx') {
  const list = await checklistOf(ctx.db, locationId, templateId);
  return renderTable(format, ['code', 'standard', 'status', 'evidence', 'due_date', 'assessed_at'],
    list.items.map((i) => [i.code, i.text, i.status ?? '', i.evidence, i.dueDate ?? '', i.updatedAt ?? '']), 'Checklist');
}

export async function assessItem(ctx: Ctx, locationId: string, itemId: string, input: z.infer<typeof checkItemInput>) {
  if (!canOnLocation(ctx.principal, 'compliance.write', locationId)) throw forbidden('You may not assess compliance at this location');
  return ctx.db.transaction().execute(async (trx) => {
    const loc = await trx.selectFrom('locations').select('kind').where('id', '=', locationId).executeTakeFirst();
    if (!loc) throw notFound('Location');
    const item = await trx.selectFrom('compliance_template_items').select(['template_id']).where('id', '=', itemId).executeTakeFirst();
    if (!item) throw notFound('Checklist item');
    if (input.status === 'not_compliant' && !input.dueDate) throw badRequest('Invalid assessment', { dueDate: 'Give the date by which the gap will be closed' });
    const before = await trx.selectFrom('compliance_items').selectAll().where('location_id', '=', locationId).where('template_item_id', '=', itemId).executeTakeFirst();
    const row = { id: before?.id ?? newId(), location_id: locationId, template_item_id: itemId, status: input.status, evidence: input.evidence, due_date: input.dueDate, updated_at: nowIso() };
    if (before) await trx.updateTable('compliance_items').set(row).where('id', '=', row.id).execute();
    else await trx.insertInto('compliance_items').values(row).execute();
    await recordAudit(trx, ctxActor(ctx), { action: 'assess', subjectType: 'compliance_item', subjectId: row.id, locationId, before: before ?? undefined, after: row });
    return checklistOf(trx, locationId, item.template_id);
  });
}

/** Compliance per duty station and per country for one template. */
export async function complianceSummary(ctx: Ctx, q: z.infer<typeof complianceSummaryQuery>) {
  await templateRow(ctx.db, q.templateId);
  const itemCount = Number((await ctx.db.selectFrom('compliance_template_items').select((eb) => eb.fn.countAll<number>().as('n')).where('template_id', '=', q.templateId).executeTakeFirstOrThrow()).n);
  let qb = ctx.db.selectFrom('compliance_items as c').innerJoin('compliance_template_items as t', 't.id', 'c.template_item_id')
    .innerJoin('locations as l', 'l.id', 'c.location_id')
    .select(['c.location_id', 'l.name', 'l.country_code', 'c.status']).select((eb) => eb.fn.countAll<number>().as('n'))
    .where('t.template_id', '=', q.templateId).groupBy(['c.location_id', 'l.name', 'l.country_code', 'c.status']);
  if (q.countryCode) qb = qb.where('l.country_code', '=', q.countryCode);
  const rows = await qb.execute();
  const byLocation = new Map<string, { name: string; countryCode: string; statuses: ComplianceStatus[] }>();
  for (const r of rows) {
    const e = byLocation.get(r.location_id) ?? { name: r.name, countryCode: r.country_code, statuses: [] };
    for (let k = 0; k < Number(r.n); k++) e.statuses.push(r.status as ComplianceStatus);
    byLocation.set(r.location_id, e);
  }
  const locations = [...byLocation].map(([locationId, e]) => {
    const missing = Array<ComplianceStatus>(Math.max(0, itemCount - e.statuses.length)).fill('not_compliant');
    const t = tally([...e.statuses, ...missing]);
    return { locationId, name: e.name, countryCode: e.countryCode, percent: compliancePercent(t) ?? null, assessed: e.statuses.length, items: itemCount, tally: t };
  });
  const byCountry = new Map<string, ComplianceTally[]>();
  for (const l of locations) byCountry.set(l.countryCode, [...(byCountry.get(l.countryCode) ?? []), l.tally]);
  const countries = [...byCountry].map(([countryCode, ts]) => ({ countryCode, percent: compliancePercent(sumTallies(ts)) ?? null, locations: ts.length }));
  return {
    templateId: q.templateId, percent: compliancePercent(sumTallies(locations.map((l) => l.tally))) ?? null,
    countries: countries.sort((a, b) => a.countryCode.localeCompare(b.countryCode)),
    locations: locations.map(({ tally: _t, ...rest }) => rest).sort((a, b) => (a.percent ?? 0) - (b.percent ?? 0)),
  };
}
