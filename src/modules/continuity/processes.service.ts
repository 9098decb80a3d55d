import type { z } from 'zod';
import type { AuditAction } from '../../domain/audit.js';
import type { Transaction } from 'kysely';
import type { BcCampaignTable, BcProcessTable, Database } from '../../db/types.js';
import { contains, fetchPage, parseSort, searchText, type Page } from '../../db/paging.js';
import { newId, nowIso } from '../../domain/ids.js';
import { badRequest, conflict, forbidden, notFound, type FieldErrors } from '../../server/errors.js';
import { ctxActor, type Ctx } from '../../server/context.js';
import { recordAudit } from '../audit/service.js';
import { continuityChanged, forgetNode, jsonArray, placeVisible, referenceProblems, throwIfProblems, type Db } from './common.js';
import { canAnswerQuestionnaire, canOnRecord, canReadProcess, continuityScope } from './policy.js';
import { campaignRow } from './campaigns.service.js';
import { intolerableLevel } from './settings.service.js';
import { mtpdOf, objectivesProblems, progressOf, ratingProblems, staffProblems, type Answers, type ImpactRatings } from './questionnaire.js';
import type { processInput, processListQuery, processPatch, questionnaireInput } from './schema.js';

type ProcessRow = BcProcessTable;
type QuestionnaireInput = z.infer<typeof questionnaireInput>;

const answersOf = (r: ProcessRow): Answers => ({
  impactRatings: JSON.parse(r.impact_ratings) as ImpactRatings, rtoHours: r.rto_hours, rpoHours: r.rpo_hours,
  minimumStaff: r.minimum_staff, staffCount: r.staff_count, remoteWork: r.remote_work,
  minimumStaffOverTime: JSON.parse(r.minimum_staff_over_time) as (number | null)[],
});

export function presentProcess(r: ProcessRow, timePointsText: string) {
  const timePointsHours = JSON.parse(timePointsText) as number[];
  const a = answersOf(r);
  return {
    id: r.id, campaignId: r.campaign_id, entityId: r.entity_id, locationId: r.location_id, name: r.name, description: r.description,
    ownerPersonId: r.owner_person_id, timePointsHours, impactRatings: a.impactRatings, mtpdHours: r.mtpd_hours, rtoHours: r.rto_hours, rpoHours: r.rpo_hours,
    peakPeriods: jsonArray(r.peak_periods), minimumStaff: r.minimum_staff, minimumStaffOverTime: a.minimumStaffOverTime, staffCount: r.staff_count, remoteWork: r.remote_work,
    vitalRecords: jsonArray(r.vital_records), workarounds: r.workarounds, questionnaireStatus: r.questionnaire_status,
    questionnaireProgress: r.questionnaire_progress, incompleteSections: progressOf(timePointsHours, a).incomplete, submittedAt: r.submitted_at,
    createdAt: r.created_at, updatedAt: r.updated_at,
  };
}
export type ProcessOut = ReturnType<typeof presentProcess>;

const placeOf = (r: ProcessRow) => ({ entityId: r.entity_id, locationId: r.location_id, ownerPersonId: r.owner_person_id });

async function processRow(db: Db, id: string): Promise<ProcessRow> {
  const row = await db.selectFrom('bc_processes').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Process');
  return row;
}

/** A process the caller may see (its owner always may); one they may not reads as absent. */
async function visibleProcess(ctx: Ctx, db: Db, id: string): Promise<{ row: ProcessRow; campaign: BcCampaignTable }> {
  const row = await processRow(db, id);
  if (!canReadProcess(ctx.principal, placeOf(row))) throw notFound('Process');
  return { row, campaign: await campaignRow(db, row.campaign_id) };
}

function requireDraft(campaign: BcCampaignTable): void {
  if (campaign.status !== 'draft') throw conflict(`The BIA campaign is ${campaign.status.replace('_', ' ')}: reopen it to change its answers`);
}

export async function listProcesses(ctx: Ctx, q: z.infer<typeof processListQuery>): Promise<Page<ProcessOut>> {
  const scope = continuityScope(ctx.principal, 'bc.read');
  const { key, dir } = parseSort<'name' | 'mtpd' | 'rto' | 'progress' | 'updatedAt'>(q.sort);
  let qb = ctx.db.selectFrom('bc_processes').innerJoin('bc_campaigns', 'bc_campaigns.id', 'bc_processes.campaign_id')
    .selectAll('bc_processes').select('bc_campaigns.time_points')
    .where(placeVisible('bc_processes', scope, { shared: false, ownerPersonId: ctx.principal.personId }));
  if (q.q) qb = qb.where(contains('bc_processes.search_text', q.q));
  if (q.campaignId) qb = qb.where('bc_processes.campaign_id', '=', q.campaignId);
  if (q.entityId) qb = qb.where('bc_processes.entity_id', '=', q.entityId);
  if (q.locationId) qb = qb.where('bc_processes.location_id', '=', q.locationId);
  if (q.ownerPersonId) qb = qb.where('bc_processes.owner_person_id', '=', q.ownerPersonId);
  if (q.questionnaireStatus) qb = qb.where('bc_processes.questionnaire_status', '=', q.questionnaireStatus);
  const column = { name: 'bc_processes.name', mtpd: 'bc_processes.mtpd_hours', rto: 'bc_processes.rto_hours', progress: 'bc_processes.questionnaire_progress', updatedAt: 'bc_processes.updated_at' } as const;
  qb = qb.orderBy(column[key], dir).orderBy('bc_processes.id');
  const { items, total } = await fetchPage(qb, q);
  return { items: items.map((r) => presentProcess(r, r.time_points)), total, page: q.page, pageSize: q.pageSize };
}

export async function getProcess(ctx: Ctx, id: string): Promise<ProcessOut> {
  const { row, campaign } = await visibleProcess(ctx, ctx.db, id);
  return presentProcess(row, campaign.time_points);
}

/**
 * Applies questionnaire answers to a process row: ratings on the scale, MTPD derived from the
 * curve at the organization's intolerable level, RTO ≤ MTPD, progress recomputed.
 */
async function applyAnswers(trx: Transaction<Database>, row: ProcessRow, campaign: BcCampaignTable, q: QuestionnaireInput): Promise<{ row: ProcessRow; fields: FieldErrors }> {
  const timePoints = JSON.parse(campaign.time_points) as number[];
  const before = answersOf(row);
  const a: Answers = {
    impactRatings: q.impactRatings ?? before.impactRatings,
    rtoHours: q.rtoHours !== undefined ? q.rtoHours : before.rtoHours,
    rpoHours: q.rpoHours !== undefined ? q.rpoHours : before.rpoHours,
    minimumStaff: q.minimumStaff !== undefined ? q.minimumStaff : before.minimumStaff,
    staffCount: q.staffCount !== undefined ? q.staffCount : before.staffCount,
    remoteWork: q.remoteWork !== undefined ? q.remoteWork : before.remoteWork,
    minimumStaffOverTime: q.minimumStaffOverTime ?? before.minimumStaffOverTime,
  };
  const fields = ratingProblems(timePoints, a.impactRatings);
  const mtpd = Object.keys(fields).length ? null : mtpdOf(timePoints, a.impactRatings, await intolerableLevel(trx));
  if (!Object.keys(fields).length) Object.assign(fields, objectivesProblems(mtpd, a));
  Object.assign(fields, staffProblems(timePoints, a));
  const { progress } = progressOf(timePoints, a);
  const answered = Object.values(q).some((v) => v !== undefined);
  const status = !answered ? row.questionnaire_status : progress === 0 ? 'not_started' : 'in_progress';
  return {
    fields,
    row: {
      ...row, impact_ratings: JSON.stringify(a.impactRatings), mtpd_hours: mtpd, rto_hours: a.rtoHours, rpo_hours: a.rpoHours,
      peak_periods: q.peakPeriods ? JSON.stringify(q.peakPeriods) : row.peak_periods, minimum_staff: a.minimumStaff, staff_count: a.staffCount,
      remote_work: a.remoteWork, minimum_staff_over_time: JSON.stringify(a.minimumStaffOverTime), vital_records: q.vitalRecords ? JSON.stringify(q.vitalRecords) : row.vital_records,
      workarounds: q.workarounds ?? row.workarounds, questionnaire_status: status, questionnaire_progress: progress,
      submitted_at: status === 'submitted' ? row.submitted_at : null,
    },
  };
}

const questionnaireOf = (x: Partial<QuestionnaireInput>): QuestionnaireInput => ({
  impactRatings: x.impactRatings, rtoHours: x.rtoHours, rpoHours: x.rpoHours, peakPeriods: x.peakPeriods, minimumStaff: x.minimumStaff,
  staffCount: x.staffCount, remoteWork: x.remoteWork, vitalRecords: x.vitalRecords, workarounds: x.workarounds, minimumStaffOverTime: x.minimumStaffOverTime,
});
const touchesAnswers = (q: QuestionnaireInput) => Object.values(q).some((v) => v !== undefined);

export async function createProcess(ctx: Ctx, input: z.infer<typeof processInput>): Promise<ProcessOut> {
  return ctx.db.transaction().execute(async (trx) => {
    const campaign = await trx.selectFrom('bc_campaigns').selectAll().where('id', '=', input.campaignId).executeTakeFirst();
    if (!campaign || !canOnRecord(ctx.principal, 'bc.read', { entityId: campaign.entity_id, locationId: campaign.location_id })) {
      throw badRequest('Invalid process', { campaignId: 'No such BIA campaign' });
    }
    if (!canOnRecord(ctx.principal, 'bc.write', { entityId: campaign.entity_id, locationId: campaign.location_id })) throw forbidden('You may not add processes to this BIA');
    requireDraft(campaign);
    const fields = await referenceProblems(trx, { ownerPersonId: input.ownerPersonId, locationId: input.locationId, stationOnly: true });
    if (campaign.location_id && input.locationId && input.locationId !== campaign.location_id) fields.locationId = 'Must be the campaign\'s duty station';
    const now = nowIso();
    const blank: ProcessRow = {
      id: newId(), campaign_id: campaign.id, entity_id: campaign.entity_id, location_id: campaign.location_id ?? input.locationId ?? null,
      name: input.name, description: input.description ?? '', owner_person_id: input.ownerPersonId ?? null, impact_ratings: '{}', mtpd_hours: null,
      rto_hours: null, rpo_hours: null, peak_periods: '[]', minimum_staff: null, staff_count: null, remote_work: null, minimum_staff_over_time: '[]', vital_records: '[]', workarounds: '',
      questionnaire_status: 'not_started', questionnaire_progress: 0, submitted_at: null, search_text: '', created_at: now, updated_at: now,
    };
    const applied = await applyAnswers(trx, blank, campaign, questionnaireOf(input));
    throwIfProblems('Invalid process', { ...fields, ...applied.fields });
    const row = { ...applied.row, search_text: searchText(input.name, input.description) };
    await trx.insertInto('bc_processes').values(row).execute();
    await continuityChanged(trx);
    const out = presentProcess(row, campaign.time_points);
    await recordAudit(trx, ctxActor(ctx), { action: 'create', subjectType: 'bc_process', subjectId: row.id, entityId: row.entity_id, locationId: row.location_id, after: out });
    return out;
  });
}

export async function updateProcess(ctx: Ctx, id: string, patch: z.infer<typeof processPatch>): Promise<ProcessOut> {
  return ctx.db.transaction().execute(async (trx) => {
    const { row: before, campaign } = await visibleProcess(ctx, trx, id);
    if (!canOnRecord(ctx.principal, 'bc.write', placeOf(before))) throw forbidden('You may not change this process');
    const q = questionnaireOf(patch);
    if (touchesAnswers(q)) requireDraft(campaign);
    const fields = await referenceProblems(trx, { ownerPersonId: patch.ownerPersonId });
    const applied = await applyAnswers(trx, before, campaign, q);
    throwIfProblems('Invalid process', { ...fields, ...applied.fields });
    const name = patch.name ?? before.name, description = patch.description ?? before.description;
    const row: ProcessRow = {
      ...applied.row, name, description, owner_person_id: patch.ownerPersonId !== undefined ? patch.ownerPersonId : before.owner_person_id,
      search_text: searchText(name, description), updated_at: nowIso(),
    };
    return save(ctx, trx, 'update', before, row, campaign);
  });
}

/** The owner (or an editor) saves questionnaire answers; progress is kept, nothing is final until submitted. */
export async function saveQuestionnaire(ctx: Ctx, id: string, input: QuestionnaireInput): Promise<ProcessOut> {
  return ctx.db.transaction().execute(async (trx) => {
    const { row: before, campaign } = await visibleProcess(ctx, trx, id);
    if (!canAnswerQuestionnaire(ctx.principal, placeOf(before))) throw forbidden('Only the process owner or a BC editor may answer this questionnaire');
    requireDraft(campaign);
    const applied = await applyAnswers(trx, before, campaign, input);
    throwIfProblems('Invalid answers', applied.fields);
    return save(ctx, trx, 'answer', before, { ...applied.row, updated_at: nowIso() }, campaign);
  });
}

const SECTION_FIELDS: Record<string, [string, string]> = {
  impacts: ['impactRatings', 'Rate every impact dimension at every time point'],
  objectives: ['rtoHours', 'Give the RTO and the RPO'],
  staffing: ['minimumStaff', 'Give the staff count, the minimum staff and the remote-work capability'],
};

export async function submitQuestionnaire(ctx: Ctx, id: string): Promise<ProcessOut> {
  return ctx.db.transaction().execute(async (trx) => {
    const { row: before, campaign } = await visibleProcess(ctx, trx, id);
    if (!canAnswerQuestionnaire(ctx.principal, placeOf(before))) throw forbidden('Only the process owner or a BC editor may submit this questionnaire');
    requireDraft(campaign);
    const { incomplete } = progressOf(JSON.parse(campaign.time_points) as number[], answersOf(before));
    throwIfProblems('The questionnaire is incomplete', Object.fromEntries(incomplete.map((s) => SECTION_FIELDS[s]!)));
    const now = nowIso();
    return save(ctx, trx, 'submit', before, { ...before, questionnaire_status: 'submitted', submitted_at: now, updated_at: now }, campaign);
  });
}

async function save(ctx: Ctx, trx: Transaction<Database>, action: AuditAction, before: ProcessRow, row: ProcessRow, campaign: BcCampaignTable): Promise<ProcessOut> {
  await trx.updateTable('bc_processes').set(row).where('id', '=', row.id).execute();
  await continuityChanged(trx);
  const out = presentProcess(row, campaign.time_points);
  await recordAudit(trx, ctxActor(ctx), { action, subjectType: 'bc_process', subjectId: row.id, entityId: row.entity_id, locationId: row.location_id, before: presentProcess(before, campaign.time_points), after: out });
  return out;
}

export async function deleteProcess(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const { row, campaign } = await visibleProcess(ctx, trx, id);
    if (!canOnRecord(ctx.principal, 'bc.write', placeOf(row))) throw forbidden('You may not delete this process');
    requireDraft(campaign);
    const edges = await forgetNode(trx, id);
    await trx.deleteFrom('bc_processes').where('id', '=', id).execute();
    await continuityChanged(trx);
    await recordAudit(trx, ctxActor(ctx), { action: 'delete', subjectType: 'bc_process', subjectId: id, entityId: row.entity_id, locationId: row.location_id, before: { ...presentProcess(row, campaign.time_points), dependenciesRemoved: edges } });
  });
}

export { processRow, visibleProcess };
