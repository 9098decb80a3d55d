import type { Transaction } from 'kysely';
import type { Database } from '../types.js';
import { insertMany } from '../bulk.js';
import { newId } from '../../domain/ids.js';
import { searchText } from '../paging.js';
import { DEFAULT_MATRIX, levelOf } from '../../domain/risk/matrix.js';
import { RISK_COMPONENTS } from '../../domain/risk/components.js';
import { PROGRAMME_CRITICALITIES } from '../../domain/risk/acceptable-risk.js';
import { THREAT_CATEGORIES } from '../../domain/risk/security-level.js';
import { bandRank } from '../../domain/risk/bands.js';

export const DEFAULT_MATRIX_ID = '00000000-0000-7000-8000-000000000001';

const SCENARIOS = [
  ['Flooding of the server room', 'Heavy rain and blocked drains', 'Water enters the basement data room', 'Loss of local ICT services'],
  ['Armed robbery on the airport road', 'Rising crime', 'A vehicle convoy is attacked', 'Injury to staff, loss of assets'],
  ['Pandemic absenteeism', 'A new influenza strain', 'Half of the staff fall ill within weeks', 'Critical processes lack staff'],
  ['Fire in the main building', 'Electrical fault', 'Fire in the office block', 'Casualties, loss of premises'],
  ['Civil unrest near the compound', 'Disputed election', 'Demonstrations block access roads', 'Staff cannot reach the office'],
  ['Earthquake', 'Seismic zone', 'Major earthquake', 'Mass casualties, building collapse'],
  ['Cyber attack on e-mail', 'Phishing campaign', 'Ransomware encrypts file servers', 'Loss of records and communications'],
  ['Loss of the data-centre link', 'Single telecom provider', 'Fibre cut to the enterprise data centre', 'ERP and e-mail unavailable'],
] as const;

export interface RiskSeedInput {
  entityIds: string[];
  /** Entity id by code, for the demo's joint assessment (left out by benchmarks). */
  entityByCode?: Map<string, string>;
  /** The first ones are the demo's duty stations: they get checklists assessed and, for Nairobi, a joint assessment. */
  stations: { id: string; country: string; name?: string; entityCodes?: string[] }[];
  staffByStation: Map<string, string[]>;
  risksPerStation: number;
  treatmentsPerRisk: number;
  rand: () => number;
  now: string;
}


/** Risks with treatments, security areas with levels, SRAs and programmes for the demo or the benchmark. */
export async function seedRisks(trx: Transaction<Database>, s: RiskSeedInput) {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(s.rand() * xs.length)]!;
  const rating = () => ({ likelihood: 1 + Math.floor(s.rand() * 5), impact: 1 + Math.floor(s.rand() * 5) });
  const band = (r: { likelihood: number; impact: number }) => levelOf(DEFAULT_MATRIX, r).band;
  const risks: Database['risks'][] = [];
  const components: Database['risk_components'][] = [];
  const ratings: Database['risk_ratings'][] = [];
  const treatments: Database['treatments'][] = [];
  for (const st of s.stations) {
    const staff = s.staffByStation.get(st.id) ?? [];
    for (let k = 0; k < s.risksPerStation; k++) {
      const [title, cause, event, consequence] = pick(SCENARIOS);
      const inherent = rating();
      const residual = { likelihood: Math.max(1, inherent.likelihood - Math.floor(s.rand() * 3)), impact: inherent.impact };
      const comps = [...new Set([pick(RISK_COMPONENTS), pick(RISK_COMPONENTS)])];
      const id = newId();
      const due = `20${25 + Math.floor(s.rand() * 3)}-${String(1 + Math.floor(s.rand() * 12)).padStart(2, '0')}-15`;
      risks.push({
        id, title, cause, event, consequence, entity_id: pick(s.entityIds), location_id: st.id, joint_assessment_id: null,
        owner_person_id: staff.length ? pick(staff) : null, components: JSON.stringify(comps), status: 'open', matrix_id: DEFAULT_MATRIX_ID,
        inherent_likelihood: inherent.likelihood, inherent_impact: inherent.impact, inherent_band: band(inherent),
        residual_likelihood: residual.likelihood, residual_impact: residual.impact, residual_band: band(residual),
        review_due: due, search_text: searchText(title, cause, event, consequence), created_at: s.now, updated_at: s.now,
      });
      for (const component of comps) components.push({ risk_id: id, component });
      for (const [kind, r] of [['inherent', inherent], ['residual', residual]] as const) {
        const level = levelOf(DEFAULT_MATRIX, r);
        ratings.push({ id: newId(), risk_id: id, kind, matrix_id: DEFAULT_MATRIX_ID, likelihood: r.likelihood, impact: r.impact, level: level.key, band: level.band, entity_id: null, note: null, rated_by: 'system', rated_at: s.now });
      }
      if (!staff.length) continue;
      for (let t = 0; t < s.treatmentsPerRisk; t++) {
        const status = pick(['planned', 'in_progress', 'done'] as const);
        treatments.push({
          id: newId(), risk_id: id, action: pick(['Install flood barriers', 'Train wardens', 'Second telecom provider', 'Armoured vehicle escort', 'Telecommuting drill', 'Back up records off site']),
          owner_person_id: pick(staff), start_date: null, due_date: due, status, cost: Math.round(s.rand() * 50_000), currency: 'USD',
          completed_on: status === 'done' ? due : null, created_at: s.now, updated_at: s.now,
        });
      }
    }
  }
  await insertMany(trx, 'risks', risks);
  await insertMany(trx, 'risk_components', components);
  await insertMany(trx, 'risk_ratings', ratings);
  await insertMany(trx, 'treatments', treatments);

  // One security level area per duty station, with a level, an SRA and programmes of several entities.
  const areas: Database['security_areas'][] = [];
  const links: Database['security_area_locations'][] = [];
  const levels: Database['security_levels'][] = [];
  const threats: Database['threat_assessments'][] = [];
  const sras: Database['sras'][] = [];
  const scenarios: Database['sra_scenarios'][] = [];
  const programmes: Database['programmes'][] = [];
  for (const st of s.stations) {
    const areaId = newId();
    areas.push({ id: areaId, country_code: st.country, name: st.name ? `${st.name} security area` : `Area of station ${st.id.slice(-6)}`, created_at: s.now, updated_at: s.now });
    links.push({ area_id: areaId, location_id: st.id });
    const categories = Object.fromEntries(THREAT_CATEGORIES.map((c) => [c, 1 + Math.floor(s.rand() * 5)]));
    levels.push({ id: newId(), area_id: areaId, level: Math.max(...Object.values(categories)), categories: JSON.stringify(categories), justification: 'Assessed by the security cell', effective_from: '2026-01-01', approved_by: 'system', created_at: s.now });
    threats.push({ id: newId(), area_id: areaId, assessed_on: '2025-12-15', summary: 'Annual threat assessment of the security cell', created_at: s.now,
      threats: JSON.stringify(Object.fromEntries(Object.entries(categories).map(([c, level]) => [c, { level, intent: '', capability: '', context: '' }]))) });
    const sraId = newId();
    sras.push({ id: sraId, area_id: areaId, title: 'Security risk assessment 2026', assessed_on: '2026-01-15', valid_until: '2027-01-15', status: 'approved', matrix_id: DEFAULT_MATRIX_ID, created_at: s.now, updated_at: s.now });
    for (const category of THREAT_CATEGORIES) {
      const inherent = rating();
      const residual = { likelihood: Math.max(1, inherent.likelihood - 1), impact: inherent.impact };
      const [description, existing, recommended] = SRA_SCENARIOS[category];
      scenarios.push({ id: newId(), sra_id: sraId, threat_category: category, description, likelihood: inherent.likelihood, impact: inherent.impact, existing_measures: existing, recommended_measures: recommended, residual_likelihood: residual.likelihood, residual_impact: residual.impact, residual_band: band(residual) });
    }
    for (let p = 0; p < 5; p++) {
      programmes.push({ id: newId(), name: pick(['Food assistance', 'Vaccination campaign', 'Capacity-building workshop', 'Election support', 'Refugee registration', 'Field survey']), entity_id: pick(s.entityIds), location_id: st.id, sra_id: sraId, criticality: pick(PROGRAMME_CRITICALITIES), created_at: s.now, updated_at: s.now });
    }
  }
  await insertMany(trx, 'security_areas', areas);
  await insertMany(trx, 'security_area_locations', links);
  await insertMany(trx, 'security_levels', levels);
  await insertMany(trx, 'threat_assessments', threats);
  await insertMany(trx, 'sras', sras);
  await insertMany(trx, 'sra_scenarios', scenarios);
  await insertMany(trx, 'programmes', programmes);
  await seedCompliance(trx, s);
  await seedJointAssessment(trx, s);
  return { risks: risks.length, treatments: treatments.length };
}

const SRA_SCENARIOS: Record<(typeof THREAT_CATEGORIES)[number], [string, string, string]> = {
  armed_conflict: ['Crossfire or shelling near UN premises during clashes between armed groups', 'Bunkers and safe rooms; movement restrictions', 'Blast film on windows; second safe room; hibernation stocks for 14 days'],
  terrorism: ['Vehicle-borne explosive device at the main gate of the compound', 'Vehicle barriers and stand-off distance; guard force', 'Extend the stand-off distance; under-vehicle search at the outer gate'],
  crime: ['Armed carjacking of a UN vehicle on the airport road', 'Radio checks; movement by day only', 'Convoy movement after dark; driver training; vehicle tracking'],
  civil_unrest: ['Demonstrations block access roads to the office for several days', 'Warden system; telecommuting arrangements', 'Alternate work site; pre-positioned supplies; staff SMS alerts'],
  hazards: ['Flash floods cut off the duty station from the airport', 'Flood-risk map; emergency stocks', 'Relocation site on high ground; satellite phones for wardens'],
};

/** The Minimum Operating Security Standards and residential standards, as organization-wide templates. */
const MOSS_ITEMS: [string, string][] = [
  ['TEL-1', 'Emergency communications system (VHF/HF radio) covering every office, residence zone and road used by staff, tested monthly'],
  ['TEL-2', 'Satellite phones with the Designated Official, security adviser and every warden, charged and tested'],
  ['TEL-3', 'A 24/7 security communications centre or radio room staffed during working hours and on call outside them'],
  ['PLN-1', 'A security plan approved by the Designated Official, reviewed in the last 12 months'],
  ['PLN-2', 'Relocation and evacuation plans with routes, assembly points and a concentration point'],
  ['PLN-3', 'Warden system with up-to-date staff and dependant lists per zone'],
  ['TRN-1', 'Every staff member has completed BSAFE security awareness training'],
  ['TRN-2', 'Staff in security level 4 or above have completed safe and secure approaches in field environments (SSAFE)'],
  ['VEH-1', 'UN vehicles carry a first-aid kit, fire extinguisher, radio and spare tyre; drivers are trained'],
  ['MED-1', 'Trauma kits in every office and vehicle, and staff trained to use them'],
  ['PRM-1', 'Office premises have perimeter protection, access control and stand-off distance as the SRA requires'],
  ['PRM-2', 'Fire detection, fire extinguishers and marked emergency exits in every office building'],
];
const MORSS_ITEMS: [string, string][] = [
  ['RES-1', 'Residences approved by the security adviser before the lease is signed'],
  ['RES-2', 'Solid doors with locks, window grilles where the SRA requires them'],
  ['RES-3', 'A safe room or secure area with a means of communication'],
  ['RES-4', 'Smoke detector and fire extinguisher in every residence'],
  ['RES-5', 'Residential guards where the security level is 3 or above'],
  ['RES-6', 'Staff residences recorded in the warden lists with GPS coordinates'],
];
// Evidence as an adviser would record it, by the standard's family (the code's prefix).
const EVIDENCE: Record<string, string[]> = {
  TEL: ['Radio check log of last month', 'Satellite phone test sheet signed by the radio operator'],
  PLN: ['Security plan signed by the Designated Official', 'Warden lists updated after the last headcount'],
  TRN: ['Training records exported from the learning system'],
  VEH: ['Fleet inspection report'], MED: ['Inventory of trauma kits by the medical officer'],
  PRM: ['Inspection report of the security cell', 'Photographs from the last premises survey'],
  RES: ['Residential survey by the security cell', 'Lease checklist signed by the security adviser'],
};
const DAY = 86_400_000;

async function seedCompliance(trx: Transaction<Database>, s: RiskSeedInput) {
  const items: Database['compliance_template_items'][] = [];
  const assessed: Database['compliance_items'][] = [];
  const demoStations = s.stations.filter((st) => st.name).slice(0, 13);
  for (const [kind, name, list] of [['moss', 'Minimum Operating Security Standards (MOSS)', MOSS_ITEMS], ['morss', 'Minimum Operating Residential Security Standards (MORSS)', MORSS_ITEMS]] as const) {
    const templateId = newId();
    await trx.insertInto('compliance_templates').values({ id: templateId, kind, name, created_at: s.now, updated_at: s.now }).execute();
    list.forEach(([code, text], position) => items.push({ id: newId(), template_id: templateId, code, text, position }));
    const templateItems = items.filter((i) => i.template_id === templateId);
    for (const st of demoStations) {
      for (const it of templateItems) {
        const r = s.rand();
        if (r < 0.12) continue; // not assessed yet
        const status = r < 0.62 ? 'compliant' : r < 0.8 ? 'partial' : r < 0.95 ? 'not_compliant' : 'not_applicable';
        const evidence = EVIDENCE[it.code.split('-')[0]!] ?? ['Inspection report of the security cell'];
        // Gaps are to be closed between two months ago (now overdue) and six months from now.
        const due = new Date(Date.parse(s.now) + Math.round((s.rand() * 240 - 60)) * DAY).toISOString().slice(0, 10);
        assessed.push({
          id: newId(), location_id: st.id, template_item_id: it.id, status,
          evidence: status === 'not_applicable' || status === 'not_compliant' ? '' : evidence[Math.floor(s.rand() * evidence.length)]!,
          due_date: status === 'not_compliant' || status === 'partial' ? due : null, updated_at: s.now,
        });
      }
    }
  }
  await insertMany(trx, 'compliance_template_items', items);
  await insertMany(trx, 'compliance_items', assessed);
}

/** Nairobi's joint risk assessment: UNON and UNICEF rate the same scenarios at the Gigiri complex. */
async function seedJointAssessment(trx: Transaction<Database>, s: RiskSeedInput) {
  const nairobi = s.stations.find((st) => st.name === 'Nairobi');
  const unon = s.entityByCode?.get('UNON'), unicef = s.entityByCode?.get('UNICEF');
  if (!nairobi || !unon || !unicef) return;
  const jaId = newId();
  await trx.insertInto('joint_assessments').values({ id: jaId, title: 'Nairobi joint risk assessment 2026', location_id: nairobi.id, assessed_on: '2026-02-10', status: 'in_progress', matrix_id: DEFAULT_MATRIX_ID, created_at: s.now, updated_at: s.now }).execute();
  await trx.insertInto('joint_assessment_entities').values([unon, unicef].map((entity_id) => ({ assessment_id: jaId, entity_id }))).execute();
  const scenarios: [string, string, string, string, string[], [number, number], [number, number], [number, number]][] = [
    ['Loss of power at the Gigiri complex for three days', 'Grid failure in the region', 'The complex runs on generators with two days of fuel', 'Offices and the data room shut down', ['business_continuity', 'premises', 'itdr'], [3, 4], [4, 4], [2, 3]],
    ['Mass-casualty road accident involving a staff bus', 'Poor road conditions', 'A staff bus crashes on the way to the complex', 'Many injured; hospitals overwhelmed', ['medical', 'safety', 'staff_support'], [2, 5], [3, 5], [2, 4]],
    ['Demonstrations block the roads to Gigiri', 'Contested election results', 'Staff cannot reach the office for a week', 'Critical processes stop unless staff work remotely', ['security', 'business_continuity', 'crisis_communications'], [4, 3], [3, 3], [2, 2]],
  ];
  // The worst of the entities' ratings is the scenario's consolidated rating, as rateRisk keeps it.
  const worstOf = (rs: [number, number][]) => rs.reduce((a, b) => (bandRank(band({ likelihood: b[0], impact: b[1] })) > bandRank(band({ likelihood: a[0], impact: a[1] })) ? b : a));
  const treated = (r: [number, number]): [number, number] => [Math.max(1, r[0] - 1), r[1]];
  for (const [title, cause, event, consequence, comps, facilitator, byUnon, byUnicef] of scenarios) {
    const id = newId();
    const worst = worstOf([byUnon, byUnicef]);
    const [rl, ri] = worstOf([treated(byUnon), treated(byUnicef)]);
    const residual = { likelihood: rl, impact: ri };
    await trx.insertInto('risks').values({
      id, title, cause, event, consequence, entity_id: null, location_id: nairobi.id, joint_assessment_id: jaId, owner_person_id: null,
      components: JSON.stringify(comps), status: 'open', matrix_id: DEFAULT_MATRIX_ID,
      inherent_likelihood: worst[0], inherent_impact: worst[1], inherent_band: band({ likelihood: worst[0], impact: worst[1] }),
      residual_likelihood: residual.likelihood, residual_impact: residual.impact, residual_band: band(residual), review_due: '2027-02-10',
      search_text: searchText(title, cause, event, consequence), created_at: s.now, updated_at: s.now,
    }).execute();
    await trx.insertInto('risk_components').values(comps.map((component) => ({ risk_id: id, component }))).execute();
    const rate = (kind: string, r: [number, number], entity: string | null) => {
      const level = levelOf(DEFAULT_MATRIX, { likelihood: r[0], impact: r[1] });
      return { id: newId(), risk_id: id, kind, matrix_id: DEFAULT_MATRIX_ID, likelihood: r[0], impact: r[1], level: level.key, band: level.band, entity_id: entity, note: null, rated_by: 'system', rated_at: s.now };
    };
    await trx.insertInto('risk_ratings').values([
      rate('inherent', facilitator, null), rate('inherent', byUnon, unon), rate('inherent', byUnicef, unicef),
      rate('residual', treated(byUnon), unon), rate('residual', treated(byUnicef), unicef),
    ]).execute();
  }
}

const band = (r: { likelihood: number; impact: number }) => levelOf(DEFAULT_MATRIX, r).band;
