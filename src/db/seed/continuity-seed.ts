import type { Transaction } from 'kysely';
import type { Database } from '../types.js';
import { insertMany } from '../bulk.js';
import { newId } from '../../domain/ids.js';
import { searchText } from '../paging.js';
import { DEFAULT_IMPACT_DIMENSIONS, DEFAULT_TIME_POINTS_HOURS } from '../../domain/continuity/bia.js';
import { mtpdOf, progressOf } from '../../modules/continuity/questionnaire.js';

/**
 * A realistic business impact analysis for the demo (DOMAIN §5–6): the enterprise systems (Umoja,
 * ECM, iNeed, e-mail) hosted at the Brindisi data centre with Valencia as failover, vendors, and
 * BIA campaigns at Nairobi, Geneva, New York and Brindisi with processes, dependencies and BC
 * strategies. The same few hundred rows at both scales: the un scale stays fast to seed.
 */
export interface ContinuitySeedInput {
  entityIds: Map<string, string>;
  locations: Database['locations'][];
  staffByStation: Map<string, string[]>;
  now: string;
}

const TIME_POINTS = [...DEFAULT_TIME_POINTS_HOURS];
/** Ratings 1–5 of every dimension over 4 h, 1 d, 3 d, 1 w, 1 m; the named dimensions get the steeper curve. */
const ratings = (steep: number[], mild: number[], steepOn: readonly string[]) =>
  Object.fromEntries(DEFAULT_IMPACT_DIMENSIONS.map((d) => [d, steepOn.includes(d) ? steep : mild]));

export async function seedContinuity(trx: Transaction<Database>, s: ContinuitySeedInput) {
  const at = (ext: string) => s.locations.find((l) => l.external_id === ext)!;
  const entity = (code: string) => s.entityIds.get(code)!;
  const now = s.now;
  const stamp = { created_at: now, updated_at: now };

  // ---- data centres: Brindisi fails over to Valencia (DOMAIN §6, 003 §126–127)
  const valencia = { id: newId(), name: 'UNICTF Valencia secondary data centre', location_id: at('PR-VLC-UNICTF').id, entity_id: null, tier: 'III', failover_data_centre_id: null, failover_readiness: null, failover_activation_hours: null, ...stamp };
  const brindisi = { id: newId(), name: 'UNGSC Brindisi enterprise data centre', location_id: at('PR-BDS-GSC').id, entity_id: null, tier: 'III', failover_data_centre_id: valencia.id, failover_readiness: 'ready', failover_activation_hours: 4, ...stamp };
  const dc1 = { id: newId(), name: 'UNHQ DC1 server room', location_id: at('PR-NYC-DC1').id, entity_id: entity('OICT'), tier: 'II', failover_data_centre_id: brindisi.id, failover_readiness: 'partial', failover_activation_hours: 12, ...stamp };
  await insertMany(trx, 'bc_data_centres', [valencia, brindisi, dc1]);

  // ---- applications and ICT services, with tested recovery figures
  const apps: Database['bc_applications'][] = [];
  const hosting: Database['bc_application_hosting'][] = [];
  const tests: Database['bc_dr_tests'][] = [];
  const app = (name: string, kind: string, criticality: string, replication: string, rto: number | null, rpo: number | null, dcs: string[], description: string, tested?: [string, string]) => {
    const id = newId();
    apps.push({
      id, name, kind, description, entity_id: null, location_id: null, criticality, replication, backup_method: replication === 'none' ? 'Nightly backup to tape' : 'Snapshots every 15 minutes, replicated off site',
      achievable_rto_hours: rto, achievable_rpo_hours: rpo, last_tested_on: tested?.[0] ?? null, dr_plan_url: `https://dr.example.org/plans/${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
      search_text: searchText(name, description), ...stamp,
    });
    dcs.forEach((d, position) => hosting.push({ application_id: id, data_centre_id: d, position }));
    if (tested) tests.push({ id: newId(), application_id: id, tested_on: tested[0], achieved_rto_hours: rto, achieved_rpo_hours: rpo, result: tested[1], notes: 'Annual DR exercise: fail-over to Valencia', created_at: now });
    return id;
  };
  const umoja = app('Umoja (ERP)', 'application', 'critical', 'asynchronous', 8, 1, [brindisi.id], 'Enterprise resource planning: finance, HR, payroll, procurement, travel', ['2025-11-15', 'pass']);
  const ecm = app('Enterprise content management (ECM)', 'application', 'high', 'asynchronous', 24, 4, [brindisi.id], 'Records and documents of the Secretariat', ['2025-10-01', 'partial']);
  const ineed = app('iNeed (CRM service desk)', 'application', 'high', 'backup_only', null, null, [brindisi.id], 'Customer relationship management and service desk; DR not yet tested');
  const mail = app('Enterprise e-mail', 'ict_service', 'critical', 'synchronous', 2, 0.25, [brindisi.id, valencia.id], 'E-mail and calendars for all staff', ['2026-01-20', 'pass']);
  const ens = app('Emergency notification system', 'ict_service', 'critical', 'synchronous', 1, 0, [brindisi.id, valencia.id], 'Mass SMS, e-mail and voice messages to staff', ['2026-02-10', 'pass']);
  const fileServer = app('UNHQ file shares', 'ict_service', 'medium', 'none', 48, 24, [dc1.id], 'Departmental file shares at Headquarters');
  apps.find((a) => a.id === fileServer)!.entity_id = entity('OICT');
  await insertMany(trx, 'bc_applications', apps);
  await insertMany(trx, 'bc_application_hosting', hosting);
  await insertMany(trx, 'bc_dr_tests', tests);

  // ---- vendors
  const vendors: Database['bc_vendors'][] = [];
  const vendor = (name: string, service: string, sla: number | null, locationExt: string | null) => {
    const id = newId();
    vendors.push({ id, name, service, entity_id: null, location_id: locationExt ? at(locationExt).id : null, sla_hours: sla, contact: 'service-desk@vendor.example', search_text: searchText(name, service), ...stamp });
    return id;
  };
  const bank = vendor('Global payroll bank', 'Salary payments and treasury transfers', 24, null);
  const telecomNbo = vendor('Nairobi fibre telecom provider', 'Internet and voice links of the Gigiri complex', 8, 'DS-NBO');
  const satcom = vendor('Satellite communications provider', 'BGAN and Iridium airtime', 4, null);
  const courier = vendor('International courier', 'Pouch and document delivery', 72, null);
  const telecomBackup = vendor('Nairobi microwave link provider', 'Backup microwave link', 12, 'DS-NBO');
  await insertMany(trx, 'bc_vendors', vendors);

  // ---- BIA campaigns with their processes
  const campaigns: Database['bc_campaigns'][] = [];
  const processes: Database['bc_processes'][] = [];
  const campaign = (name: string, code: string, stationExt: string, status: string) => {
    const id = newId();
    campaigns.push({
      id, name, entity_id: entity(code), location_id: at(stationExt).id, owner_person_id: s.staffByStation.get(at(stationExt).id)?.[0] ?? null,
      period_start: '2026-01-01', period_end: '2026-06-30', status, time_points: JSON.stringify(TIME_POINTS),
      submitted_by: status === 'draft' ? null : 'bc.coordinator@example.org', submitted_at: status === 'draft' ? null : now,
      approved_by: status === 'approved' ? 'orms.focal.point@example.org' : null, approved_at: status === 'approved' ? now : null, ...stamp,
    });
    return { id, code, station: at(stationExt).id, submitted: status !== 'draft' };
  };
  let ownerTurn = 1;
  const process = (c: ReturnType<typeof campaign>, name: string, description: string, curve: Record<string, number[]>, rto: number, rpo: number, staff: [number, number, string], extra: { peak?: string[]; records?: string[]; workarounds?: string } = {}) => {
    // The minimum rises as the backlog grows: from the minimum to keep running to half the rest of the team by one month.
    const overTime = TIME_POINTS.map((_, i) => Math.min(staff[0], staff[1] + Math.floor((i * (staff[0] - staff[1])) / (2 * (TIME_POINTS.length - 1)))));
    const answers = { impactRatings: curve, rtoHours: rto, rpoHours: rpo, minimumStaff: staff[1], staffCount: staff[0], remoteWork: staff[2], minimumStaffOverTime: overTime };
    const staffHere = s.staffByStation.get(c.station) ?? [];
    const id = newId();
    processes.push({
      id, campaign_id: c.id, entity_id: entity(c.code), location_id: c.station, name, description, owner_person_id: staffHere[ownerTurn++ % Math.max(staffHere.length, 1)] ?? null,
      impact_ratings: JSON.stringify(curve), mtpd_hours: mtpdOf(TIME_POINTS, curve, 4), rto_hours: rto, rpo_hours: rpo, peak_periods: JSON.stringify(extra.peak ?? []),
      minimum_staff: staff[1], staff_count: staff[0], remote_work: staff[2], minimum_staff_over_time: JSON.stringify(overTime), vital_records: JSON.stringify(extra.records ?? []), workarounds: extra.workarounds ?? '',
      questionnaire_status: c.submitted ? 'submitted' : 'in_progress', questionnaire_progress: progressOf(TIME_POINTS, answers).progress,
      submitted_at: c.submitted ? now : null, search_text: searchText(name, description), ...stamp,
    });
    return id;
  };
  const money = ['financial', 'mandate_delivery'], people = ['safety', 'mandate_delivery'], standing = ['reputational', 'mandate_delivery'];
  const nbo = campaign('UNON business impact analysis 2026', 'UNON', 'DS-NBO', 'approved');
  const payroll = process(nbo, 'Payroll', 'Monthly salaries and allowances of staff in Nairobi', ratings([1, 2, 4, 5, 5], [1, 1, 2, 3, 3], money), 24, 4, [12, 3, 'full'],
    { peak: ['Month end (25th–last day)'], records: ['Payroll master data', 'Bank mandate letters'], workarounds: 'Repeat the previous month\'s payroll from the bank file' });
  const securityComms = process(nbo, 'Security communications', 'Radio room, staff alerts and warden messages', ratings([4, 5, 5, 5, 5], [2, 3, 3, 4, 4], people), 1, 0, [6, 2, 'partial'],
    { peak: ['Elections', 'Rainy season floods'], records: ['Staff lists per warden zone'], workarounds: 'Satellite phones and the warden call tree' });
  const procurement = process(nbo, 'Procurement', 'Purchase orders, contracts and vendor payments', ratings([1, 1, 2, 4, 5], [1, 1, 2, 2, 3], money), 72, 24, [15, 4, 'full'],
    { peak: ['Fiscal year end (December)'], records: ['Signed contracts'] });
  const mailOps = process(nbo, 'E-mail and collaboration', 'E-mail, calendars and shared drives for UNON', ratings([2, 4, 5, 5, 5], [1, 2, 3, 3, 3], standing), 8, 1, [4, 1, 'full']);
  const gva = campaign('UNOG business impact analysis 2026', 'UNOG', 'DS-GVA', 'in_review');
  const conference = process(gva, 'Conference services', 'Meetings of intergovernmental bodies at the Palais des Nations', ratings([1, 3, 4, 5, 5], [1, 2, 2, 3, 3], standing), 24, 4, [40, 10, 'partial'],
    { peak: ['Human Rights Council sessions (March, June, September)'], records: ['Meeting records', 'Interpretation rosters'] });
  const gvaFinance = process(gva, 'Finance and treasury', 'Payments and cash management', ratings([1, 2, 4, 5, 5], [1, 1, 2, 3, 3], money), 48, 4, [10, 3, 'full'], { records: ['Bank signatory panels'] });
  const nyc = campaign('Secretariat ICT services BIA 2026', 'OICT', 'DS-NYC', 'draft');
  const serviceDesk = process(nyc, 'Service desk (iNeed)', 'First-line support to all Secretariat staff', ratings([1, 3, 4, 5, 5], [1, 2, 3, 3, 3], standing), 12, 4, [25, 5, 'full'],
    { workarounds: 'Telephone hotline and a shared spreadsheet of tickets' });
  const records = process(nyc, 'Records management (ECM)', 'Official records and archives', ratings([1, 1, 2, 3, 4], [1, 1, 1, 2, 3], ['legal', 'mandate_delivery']), 168, 24, [8, 2, 'full'], { records: ['Archives register'] });
  const bds = campaign('UNGSC Brindisi BIA 2026', 'UNGSC', 'DS-BDS', 'approved');
  const dcOps = process(bds, 'Data-centre operations', 'Running the enterprise data centre', ratings([4, 5, 5, 5, 5], [2, 3, 3, 4, 4], ['mandate_delivery', 'financial']), 2, 0, [20, 6, 'partial'], { records: ['Network diagrams', 'Runbooks'] });
  await insertMany(trx, 'bc_campaigns', campaigns);
  await insertMany(trx, 'bc_processes', processes);

  // ---- dependencies (cycles are legal: payroll and procurement feed each other)
  const deps: Database['bc_dependencies'][] = [];
  const alts: Database['bc_dependency_alternates'][] = [];
  const types = new Map<string, string>([
    ...processes.map((p) => [p.id, 'process'] as const), ...apps.map((a) => [a.id, 'application'] as const), ...vendors.map((v) => [v.id, 'vendor'] as const),
    ...[valencia, brindisi, dc1].map((d) => [d.id, 'data_centre'] as const), ...s.locations.map((l) => [l.id, l.kind === 'duty_station' ? 'duty_station' : 'premises'] as const),
  ]);
  const dep = (from: string, to: string, neededWithinHours: number, alternate?: [string, string, number]) => {
    const id = newId();
    deps.push({ id, from_id: from, from_type: types.get(from)!, to_id: to, to_type: types.get(to)!, needed_within_hours: neededWithinHours, note: '', ...stamp });
    if (alternate) alts.push({ dependency_id: id, position: 0, node_id: alternate[0], node_type: types.get(alternate[0])!, readiness: alternate[1], activation_hours: alternate[2] });
  };
  const gigiri = at('PR-NBO-GIG').id, palais = at('PR-GVA-PDN').id, secretariat = at('PR-NYC-SEC').id, gsc = at('PR-BDS-GSC').id;
  dep(payroll, umoja, 24); dep(payroll, bank, 48); dep(payroll, gigiri, 72); dep(payroll, procurement, 168);
  dep(securityComms, ens, 0); dep(securityComms, satcom, 0); dep(securityComms, telecomNbo, 0, [telecomBackup, 'ready', 1]); dep(securityComms, gigiri, 0);
  dep(procurement, umoja, 48); dep(procurement, ecm, 72); dep(procurement, courier, 168); dep(procurement, payroll, 168); dep(procurement, gigiri, 24);
  dep(mailOps, mail, 0); dep(mailOps, telecomNbo, 4, [telecomBackup, 'partial', 4]);
  dep(conference, palais, 0); dep(conference, mail, 4); dep(conference, ecm, 24);
  dep(gvaFinance, umoja, 8); dep(gvaFinance, bank, 24); dep(gvaFinance, palais, 24);
  dep(serviceDesk, ineed, 0); dep(serviceDesk, mail, 4); dep(serviceDesk, secretariat, 4);
  dep(records, ecm, 24); dep(records, fileServer, 48); dep(records, secretariat, 24);
  dep(dcOps, gsc, 0); dep(dcOps, satcom, 24);
  dep(ineed, mail, 2); dep(umoja, mail, 24);
  await insertMany(trx, 'bc_dependencies', deps);
  await insertMany(trx, 'bc_dependency_alternates', alts);

  // ---- BC strategies
  const strategies: Database['bc_strategies'][] = [];
  const strategy = (processId: string, kind: string, readiness: string, activationHours: number, resourceId: string | null, description: string) =>
    strategies.push({ id: newId(), process_id: processId, kind, readiness, activation_hours: activationHours, resource_id: resourceId, resource_type: resourceId ? types.get(resourceId)! : null, description, ...stamp });
  strategy(payroll, 'telecommute', 'ready', 4, null, 'Payroll team works from home over VPN');
  strategy(payroll, 'transfer_duty_station', 'partial', 72, at('DS-ADD').id, 'Addis Ababa runs the Nairobi payroll');
  strategy(securityComms, 'alternate_site', 'ready', 2, at('PR-NBO-GIG').id, 'Backup radio room in block M');
  strategy(securityComms, 'mutual_support', 'ready', 1, null, 'The UNDP radio room relays messages');
  strategy(procurement, 'manual_workaround', 'partial', 24, null, 'Paper purchase orders signed by the certifying officer');
  strategy(mailOps, 'telecommute', 'ready', 1, null, 'Webmail from home');
  strategy(conference, 'alternate_site', 'not_ready', 168, null, 'Move sessions to another conference centre (not yet arranged)');
  strategy(serviceDesk, 'manual_workaround', 'partial', 6, null, 'Telephone hotline and spreadsheet');
  strategy(serviceDesk, 'transfer_duty_station', 'ready', 24, at('DS-BKK').id, 'Bangkok service desk takes over');
  strategy(gvaFinance, 'mutual_support', 'ready', 24, payroll, 'UNON finance processes urgent payments');
  strategy(dcOps, 'transfer_duty_station', 'ready', 4, at('DS-VLC').id, 'Operations move to Valencia');
  await insertMany(trx, 'bc_strategies', strategies);

  return { bcProcesses: processes.length, bcApplications: apps.length, bcDependencies: deps.length };
}
