import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../../db/types.js';
import type { ScopeFilter } from '../../domain/access.js';

/** Plans whose entity, participating entities or duty station fall in the scope. */
export function inPlanScope(eb: ExpressionBuilder<Database, 'plans'>, scope: ScopeFilter) {
  if (scope.all) return eb.lit(true);
  const ors = [];
  if (scope.entityIds.length) {
    ors.push(eb('plans.entity_id', 'in', scope.entityIds));
    ors.push(eb('plans.id', 'in', eb.selectFrom('plan_entities').select('plan_id').where('entity_id', 'in', scope.entityIds)));
  }
  if (scope.locationIds.length) ors.push(eb('plans.location_id', 'in', scope.locationIds));
  return ors.length ? eb.or(ors) : eb.lit(false);
}

/**
 * The SQL form of canOnPlan / canReadApproved (policy.ts) for lists: plans in the read scope or
 * owned or to be approved by the caller, and plans with an approved version in the wider
 * approved-plans scope or at the caller's own duty station.
 */
export function planVisible(
  eb: ExpressionBuilder<Database, 'plans'>,
  v: { read: ScopeFilter; approved: ScopeFilter; personId: string | null; ownStationId: string | null },
) {
  const full = [inPlanScope(eb, v.read)];
  if (v.personId) full.push(eb('plans.owner_person_id', '=', v.personId), eb('plans.approver_person_id', '=', v.personId));
  const wider = [inPlanScope(eb, v.approved)];
  if (v.ownStationId) wider.push(eb('plans.location_id', '=', v.ownStationId));
  return eb.or([...full, eb.and([eb('plans.current_version_id', 'is not', null), eb.or(wider)])]);
}
