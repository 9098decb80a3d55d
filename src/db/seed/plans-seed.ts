import type { Transaction } from 'kysely';
import type { Database } from '../types.js';
import { newId } from '../../domain/ids.js';
import { addMonths } from '../../domain/plans/catalog.js';
import { ORMS_TEMPLATE_SECTIONS, type PlanContent } from '../../domain/plans/content.js';
import { searchText } from '../paging.js';
import { foldForSearch } from '../../domain/plans/search.js';

const TYPE = { cmp: '00000000-0000-7000-8000-000000000800', bc: '00000000-0000-7000-8000-000000000801', mci: '00000000-0000-7000-8000-000000000804' };

export interface PlansSeedInput {
  entityIds: Map<string, string>;
  stations: { id: string; name: string }[];
  staffByStation: Map<string, string[]>;
  now: string;
}

/**
 * Demo plans and MER (000 §24): Nairobi's approved business continuity plan with its contacts,
 * call tree and wallet card, a joint crisis management handbook in review, the 2015 mass-casualty
 * exercise with its after-action review, corrective actions and lessons.
 */
export async function seedPlans(trx: Transaction<Database>, s: PlansSeedInput) {
  const nairobi = s.stations.find((x) => x.name === 'Nairobi');
  const unon = s.entityIds.get('UNON');
  if (!nairobi || !unon) return { plans: 0, exercises: 0, lessons: 0 };
  const staff = s.staffByStation.get(nairobi.id) ?? [];
  if (staff.length < 4) return { plans: 0, exercises: 0, lessons: 0 };
  const cmt = await trx.selectFrom('teams').select('id').where('location_id', '=', nairobi.id).where('kind', '=', 'crisis_management_team').executeTakeFirst();
  const today = s.now.slice(0, 10);
  const [owner, approver, a, b] = staff as [string, string, string, string];

  const content: PlanContent = {
    sections: ORMS_TEMPLATE_SECTIONS.map((sec) => {
      if (sec.key === 'roles') return { ...sec, blocks: [{ type: 'roles', entries: [{ role: 'Crisis management team', responsibilities: 'Decides on the response and activates this plan.', teamId: cmt?.id ?? null }, { role: 'BC coordinator', responsibilities: 'Keeps this plan current; runs the annual functional test.', teamId: null }] }] };
      if (sec.key === 'critical_functions') return { ...sec, blocks: [{ type: 'table', header: ['Process', 'RTO', 'Strategy'], rows: [['Payroll', '72 h', 'Shift work to Geneva'], ['Security control room', '1 h', 'Alternate site at Gigiri'], ['Conference services', '1 week', 'Telecommuting']] }] };
      if (sec.key === 'incident_reporting') return { ...sec, blocks: [...sec.blocks, { type: 'contacts', title: 'Whom to call', personIds: [owner, approver], teamIds: cmt ? [cmt.id] : [] }, { type: 'call_tree', nodes: [{ personId: owner, callerPersonId: null }, { personId: a, callerPersonId: owner }, { personId: b, callerPersonId: owner }] }] };
      return sec;
    }),
  };
  const plan = (id: string, type: string, title: string, status: string, entity: string | null, currentVersion: string | null, reviewDue: string | null) => ({
    id, plan_type_id: type, title, entity_id: entity, location_id: nairobi.id, owner_person_id: owner, approver_person_id: approver, status,
    activation_criteria: 'Loss of access to the Gigiri complex, or of critical ICT services, for more than 4 hours', current_version_id: currentVersion, review_due: reviewDue,
    review_triggered_by: null, review_trigger_note: null, review_flagged_at: null, search_text: searchText(title), created_at: s.now, updated_at: s.now,
  });
  const version = (id: string, planId: string, number: number, status: string, c: PlanContent, approved: boolean) => ({
    id, plan_id: planId, number, status, content: JSON.stringify(c), change_note: number === 1 ? 'First edition' : 'Annual update',
    drafted_by: null, drafted_by_email: 'system', submitted_at: s.now, approved_by: null, approved_by_email: approved ? 'Nairobi crisis management team' : null,
    approved_at: approved ? s.now : null, created_at: s.now, updated_at: s.now,
  });
  const bc = newId(), bcV1 = newId(), bcV2 = newId(), cmp = newId(), cmpV1 = newId();
  await trx.insertInto('plans').values([
    plan(bc, TYPE.bc, 'UNON business continuity plan', 'approved', unon, bcV2, addMonths(today, 12)),
    plan(cmp, TYPE.cmp, 'Nairobi crisis management handbook', 'in_review', null, null, null),
  ]).execute();
  const v1 = structuredClone(content);
  v1.sections[0]!.blocks = [{ type: 'paragraph', text: 'Issued under the authority of the Director-General of UNON.' }];
  await trx.insertInto('plan_versions').values([
    { ...version(bcV1, bc, 1, 'superseded', v1, true), approved_at: `${addMonths(today, -12)}T09:00:00.000Z` },
    version(bcV2, bc, 2, 'approved', content, true),
    version(cmpV1, cmp, 1, 'in_review', { sections: ORMS_TEMPLATE_SECTIONS }, false),
  ]).execute();
  const partners = ['UNON', 'UNDP', 'UNICEF', 'WFP', 'UNHCR'].map((c) => s.entityIds.get(c)).filter((x): x is string => !!x);
  await trx.insertInto('plan_entities').values(partners.map((entity_id) => ({ plan_id: cmp, entity_id }))).execute();
  if (cmt) await trx.insertInto('plan_links').values([{ plan_id: bc, kind: 'team', target_id: cmt.id }, { plan_id: cmp, kind: 'team', target_id: cmt.id }]).execute();
  await trx.insertInto('plan_approval_events').values([
    { id: newId(), version_id: bcV2, user_id: null, email: 'system', action: 'submit', comment: 'Annual update after the 2015 exercise', at: s.now },
    { id: newId(), version_id: bcV2, user_id: null, email: 'Nairobi crisis management team', action: 'approve', comment: 'Approved at the CMT meeting', at: s.now },
  ]).execute();
  await trx.insertInto('wallet_cards').values({
    location_id: nairobi.id, title: 'UN Nairobi emergency card', updated_at: s.now,
    numbers: JSON.stringify([{ label: 'Security control room (24/7)', number: '+254 20 762 2222' }, { label: 'UN clinic', number: '+254 20 762 2555' }, { label: 'Crisis hotline', number: '+254 20 762 1234' }, { label: 'Police / ambulance', number: '999' }]),
    first_actions: JSON.stringify(['Move to safety; follow wardens\' instructions', 'Call the security control room', 'Report your status when the ORMS message asks', 'Stay off the roads until told otherwise']),
  }).execute();

  const ex = newId();
  await trx.insertInto('exercises').values({
    id: ex, title: 'Mass-casualty incident exercise', kind: 'mass_casualty', entity_id: unon, location_id: nairobi.id, starts_at: '2015-10-14T06:00:00.000Z', ends_at: '2015-10-14T14:00:00.000Z',
    scenario: 'A mass-casualty incident at the Gigiri complex: on-site incident command and medical drill, joint activation of the crisis hotline call centre and the security control room, and the procedure for identifying and prioritizing affected staff (000 §24(c)).',
    status: 'conducted', created_at: s.now, updated_at: s.now,
  }).execute();
  const objectives = [['On-site incident command established within 10 minutes', 'met'], ['Crisis hotline call centre active within 30 minutes', 'partly'], ['Affected staff identified and prioritized within 2 hours', 'not_met']];
  await trx.insertInto('exercise_objectives').values(objectives.map(([text, result], position) => ({ id: newId(), exercise_id: ex, position, text: text!, result: result!, result_note: '' }))).execute();
  await trx.insertInto('exercise_plans').values({ exercise_id: ex, plan_id: bc }).execute();
  if (cmt) await trx.insertInto('exercise_teams').values({ exercise_id: ex, team_id: cmt.id }).execute();
  await trx.insertInto('exercise_participants').values([
    { exercise_id: ex, person_id: owner, role: 'controller', attended: 1 }, { exercise_id: ex, person_id: approver, role: 'observer', attended: 1 },
    { exercise_id: ex, person_id: a, role: 'participant', attended: 1 }, { exercise_id: ex, person_id: b, role: 'participant', attended: 0 },
  ]).execute();
  const aar = newId();
  await trx.insertInto('after_action_reviews').values({
    id: aar, kind: 'exercise', exercise_id: ex, title: 'After-action review: 2015 mass-casualty exercise', event_date: '2015-10-14', entity_id: unon, location_id: nairobi.id,
    what_happened: 'Simulated mass-casualty incident with a joint activation of the hotline and the control room.', what_worked: 'Incident command and the medical response.',
    what_did_not: 'The hotline opened late; the affected-staff list was incomplete.', created_at: s.now, updated_at: s.now,
  }).execute();
  await trx.insertInto('corrective_actions').values([
    { id: newId(), review_id: aar, finding: 'The hotline opened 40 minutes late', action: 'Roster hotline operators in the BC plan', owner_person_id: owner, due_date: '2016-01-31', status: 'done', plan_id: bc, closed_on: '2016-01-20', created_at: s.now, updated_at: s.now },
    { id: newId(), review_id: aar, finding: 'The affected-staff list missed dependants', action: 'Link the staff list to the people database', owner_person_id: a, due_date: addMonths(today, 2), status: 'in_progress', plan_id: null, closed_on: null, created_at: s.now, updated_at: s.now },
  ]).execute();
  const lessons = [
    ['Roster the crisis hotline in advance', 'In the 2015 exercise the hotline opened 40 minutes late because no operators were rostered. Keep a roster in the plan and test it in every call-tree drill.', 'communications', 'hotline mci'],
    ['Prioritize affected staff from live data', 'Identifying affected staff took hours from spreadsheets. A current people database with dependants makes it minutes.', 'coordination_crisis_management', 'mci staff-list'],
    ['One joint exercise for the whole duty station', 'Exercising the control room, hotline and medical teams of all entities at once showed the hand-overs that single-entity drills miss.', 'inter_agency_cooperation', 'joint-exercise'],
  ];
  const rows = lessons.map(([title, body, category, tags]) => ({
    id: newId(), title: title!, body: body!, category: category!, tags: tags!, search_text: foldForSearch(title!, body!, tags!), entity_id: unon, location_id: nairobi.id, review_id: aar, created_by: 'system', created_at: s.now, updated_at: s.now,
  }));
  await trx.insertInto('lessons').values(rows).execute();
  await trx.insertInto('lesson_tags').values(rows.flatMap((l) => l.tags.split(' ').map((tag) => ({ lesson_id: l.id, tag })))).execute();
  return { plans: 2, exercises: 1, lessons: lessons.length };
}
