import type { z } from 'zod';
import type { Ctx } from '../../server/context.js';
import { renderTable, type Cell } from '../../server/tabular.js';
import { listApplications } from './applications.service.js';
import { gaps } from './analysis.service.js';
import { listProcesses } from './processes.service.js';
import type { applicationListQuery, gapListQuery, processListQuery } from './schema.js';

type Format = 'csv' | 'xlsx';
const MAX_PAGES = 200; // 100,000 rows

/** Pages through a list endpoint's service with the same filters. */
async function allPages<T>(list: (page: number) => Promise<{ items: T[] }>): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const { items } = await list(page);
    out.push(...items);
    if (items.length < 500) break;
  }
  return out;
}

export const PROCESS_COLUMNS = ['id', 'name', 'campaign_id', 'entity_id', 'location_id', 'owner_person_id', 'mtpd_hours', 'rto_hours', 'rpo_hours',
  'minimum_staff', 'minimum_staff_over_time', 'staff_count', 'remote_work', 'peak_periods', 'vital_records', 'questionnaire_status', 'questionnaire_progress'] as const;

export async function exportProcesses(ctx: Ctx, q: z.infer<typeof processListQuery>, format: Format) {
  const items = await allPages((page) => listProcesses(ctx, { ...q, page, pageSize: 500 }));
  const rows: Cell[][] = items.map((p) => [p.id, p.name, p.campaignId, p.entityId, p.locationId, p.ownerPersonId, p.mtpdHours, p.rtoHours, p.rpoHours,
    p.minimumStaff, p.minimumStaffOverTime.map((v) => v ?? '').join('; '), p.staffCount, p.remoteWork, p.peakPeriods.join('; '), p.vitalRecords.join('; '), p.questionnaireStatus, p.questionnaireProgress]);
  return renderTable(format, PROCESS_COLUMNS, rows, 'Critical processes');
}

export const APPLICATION_COLUMNS = ['id', 'name', 'kind', 'criticality', 'entity_id', 'location_id', 'data_centre_ids', 'replication', 'backup_method',
  'achievable_rto_hours', 'achievable_rpo_hours', 'last_tested_on', 'dr_plan_url'] as const;

export async function exportApplications(ctx: Ctx, q: z.infer<typeof applicationListQuery>, format: Format) {
  const items = await allPages((page) => listApplications(ctx, { ...q, page, pageSize: 500 }));
  const rows: Cell[][] = items.map((a) => [a.id, a.name, a.kind, a.criticality, a.entityId, a.locationId, a.dataCentreIds.join(';'), a.replication, a.backupMethod,
    a.achievableRtoHours, a.achievableRpoHours, a.lastTestedOn, a.drPlanUrl]);
  return renderTable(format, APPLICATION_COLUMNS, rows, 'Applications');
}

export const GAP_COLUMNS = ['process_id', 'process', 'dependency_id', 'dependency', 'measure', 'required_hours', 'deliverable_hours', 'gap_hours', 'limiting_id', 'limiting'] as const;

/** Gaps worst first; an unbounded gap (nothing restores the chain) shows an empty deliverable and gap. */
export async function exportGaps(ctx: Ctx, q: Omit<z.infer<typeof gapListQuery>, 'page' | 'pageSize'>, format: Format) {
  const rows: Cell[][] = (await gaps(ctx, q)).map((g) => [g.processId, g.processName, g.dependencyId, g.dependencyName, g.measure, g.requiredHours,
    g.deliverableHours, g.gapHours, g.limitingId, g.limitingName]);
  return renderTable(format, GAP_COLUMNS, rows, 'Continuity gaps');
}
