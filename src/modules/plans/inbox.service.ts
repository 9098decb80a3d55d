import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../../db/types.js';
import type { Ctx } from '../../server/context.js';
import { planScope, selfApprovalForbidden } from './policy.js';
import { inPlanScope } from './visibility.js';
import { presentVersion } from './plans.service.js';

/**
 * The approval inbox: versions in review that the caller may decide on (as the plan's designated
 * approver, or holding the approve right in its scope), oldest submission first. Versions the caller
 * drafted stay listed, marked, when the plan type forbids approving one's own draft.
 */
export async function approvalInbox(ctx: Ctx) {
  const scope = planScope(ctx.principal, 'plan.approve');
  const personId = ctx.principal.personId;
  const rows = await ctx.db.selectFrom('plan_versions as v').innerJoin('plans', 'plans.id', 'v.plan_id').innerJoin('plan_types as t', 't.id', 'plans.plan_type_id')
    .selectAll('v')
    .select(['plans.title as plan_title', 'plans.entity_id as plan_entity_id', 'plans.location_id as plan_location_id', 'plans.owner_person_id as plan_owner', 'plans.plan_type_id as type_id', 't.name as type_name', 't.allow_self_approval'])
    .where('v.status', '=', 'in_review')
    .where((eb) => {
      const e = eb as unknown as ExpressionBuilder<Database, 'plans'>;
      return e.or([inPlanScope(e, scope), ...(personId ? [e('plans.approver_person_id', '=', personId)] : [])]);
    })
    .orderBy('v.submitted_at').orderBy('v.id').limit(500).execute();
  return rows.map((r) => ({
    planId: r.plan_id, planTitle: r.plan_title, planTypeId: r.type_id, planType: r.type_name, entityId: r.plan_entity_id, locationId: r.plan_location_id, ownerPersonId: r.plan_owner,
    version: presentVersion(r),
    selfApprovalForbidden: selfApprovalForbidden(ctx.principal, { allowSelfApproval: !!r.allow_self_approval }, { draftedBy: r.drafted_by }),
  }));
}
