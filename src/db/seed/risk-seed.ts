import type { Transaction } from 'kysely';
import type { Database } from '../types.js';
import { insertMany } from '../bulk.js';
import { newId } from '../../domain/ids.js';
import { searchText } from '../paging.js';
import { DEFAULT_MATRIX, levelOf } from '../../domain/risk/matrix.js';
import { RISK_COMPONENTS } from '../../domain/risk/components.js';
import { PROGRAMME_CRITICALITIES } from '../../domain/risk/acceptable-risk.js';
import { THREAT_CATEGORIES } from '../../domain/risk/security-level.js';

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
  stations: { id: string; country: string }[];
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
  const sras: Database['sras'][] = [];
  const scenarios: Database['sra_scenarios'][] = [];
  const programmes: Database['programmes'][] = [];
  for (const st of s.stations) {
    const areaId = newId();
    areas.push({ id: areaId, country_code: st.country, name: `Area of station ${st.id.slice(-6)}`, created_at: s.now, updated_at: s.now });
    links.push({ area_id: areaId, location_id: st.id });
    const categories = Object.fromEntries(THREAT_CATEGORIES.map((c) => [c, 1 + Math.floor(s.rand() * 5)]));
    levels.push({ id: newId(), area_id: areaId, level: Math.max(...Object.values(categories)), categories: JSON.stringify(categories), justification: 'Assessed by the security cell', effective_from: '2026-01-01', approved_by: 'system', created_at: s.now });
    const sraId = newId();
    sras.push({ id: sraId, area_id: areaId, title: 'Security risk assessment 2026', assessed_on: '2026-01-15', valid_until: '2027-01-15', status: 'approved', matrix_id: DEFAULT_MATRIX_ID, created_at: s.now, updated_at: s.now });
    for (const category of THREAT_CATEGORIES) {
      const inherent = rating();
      const residual = { likelihood: Math.max(1, inherent.likelihood - 1), impact: inherent.impact };
      scenarios.push({ id: newId(), sra_id: sraId, threat_category: category, description: `${category.replace('_', ' ')} scenario`, likelihood: inherent.likelihood, impact: inherent.impact, existing_measures: 'MOSS measures in place', recommended_measures: 'Review with the security cell', residual_likelihood: residual.likelihood, residual_impact: residual.impact, residual_band: band(residual) });
    }
    for (let p = 0; p < 5; p++) {
      programmes.push({ id: newId(), name: pick(['Food assistance', 'Vaccination campaign', 'Capacity-building workshop', 'Election support', 'Refugee registration', 'Field survey']), entity_id: pick(s.entityIds), location_id: st.id, sra_id: sraId, criticality: pick(PROGRAMME_CRITICALITIES), created_at: s.now, updated_at: s.now });
    }
  }
  await insertMany(trx, 'security_areas', areas);
  await insertMany(trx, 'security_area_locations', links);
  await insertMany(trx, 'security_levels', levels);
  await insertMany(trx, 'sras', sras);
  await insertMany(trx, 'sra_scenarios', scenarios);
  await insertMany(trx, 'programmes', programmes);
  return { risks: risks.length, treatments: treatments.length };
}
