import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../../db/types.js';
import type { ScopeFilter } from '../../domain/access.js';

/**
 * The SQL form of canOnRisk (policy.ts) for lists: private register entries by entity scope,
 * station-owned risks by location scope, joint-assessment risks by participant or station.
 */
export function riskVisible(eb: ExpressionBuilder<Database, 'risks'>, scope: ScopeFilter) {
  if (scope.all) return eb.lit(true);
  const { entityIds, locationIds } = scope;
  const ors = [];
  if (entityIds.length) {
    ors.push(eb.and([eb('risks.joint_assessment_id', 'is', null), eb('risks.entity_id', 'in', entityIds)]));
    ors.push(eb('risks.joint_assessment_id', 'in',
      eb.selectFrom('joint_assessment_entities').select('assessment_id').where('entity_id', 'in', entityIds)));
  }
  if (locationIds.length) {
    // Joint-assessment risks have no owning entity, so this covers them too.
    ors.push(eb.and([eb('risks.entity_id', 'is', null), eb('risks.location_id', 'in', locationIds)]));
  }
  return ors.length ? eb.or(ors) : eb.lit(false);
}
