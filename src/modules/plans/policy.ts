import { allows, scopeFilter, type Principal, type RightsTable, type ScopeFilter } from '../../domain/access.js';

/**
 * Plans authorization. Plan owners, BC coordinators, focal points and security advisers edit plans
 * within their entity or duty-station scope; approvers approve; an inter-agency plan is shared with
 * every participating entity and with its duty station. Staff read the approved plans and the
 * wallet card of their own duty station. Plan types and templates are organization-wide.
 */
export type PlanAction = 'plan.read' | 'plan.write' | 'plan.approve' | 'plan.read_approved' | 'plan_type.admin';

export const PLAN_RIGHTS: RightsTable<PlanAction> = {
  system_admin: ['plan.read', 'plan.write', 'plan.approve', 'plan.read_approved', 'plan_type.admin'],
  entity_admin: ['plan.read', 'plan.write', 'plan.approve', 'plan.read_approved'],
  orms_focal_point: ['plan.read', 'plan.write', 'plan.read_approved'],
  bc_coordinator: ['plan.read', 'plan.write', 'plan.read_approved'],
  security_adviser: ['plan.read', 'plan.write', 'plan.read_approved'],
  crisis_team_member: ['plan.read', 'plan.approve', 'plan.read_approved'],
  viewer: ['plan.read', 'plan.read_approved'],
  staff: ['plan.read_approved'],
};

/** Where a plan sits: its entity and/or duty station, and the entities sharing it. */
export interface PlanPlace {
  entityId: string | null;
  locationId: string | null;
  participants: readonly string[];
  ownerPersonId?: string | null;
  approverPersonId?: string | null;
}

function inScope(p: Principal, action: PlanAction, r: PlanPlace): boolean {
  return allows(p, PLAN_RIGHTS, action, { entityId: r.entityId, locationId: r.locationId })
    || r.participants.some((entityId) => allows(p, PLAN_RIGHTS, action, { entityId }));
}

/** The plan's owner may always edit it; others by role within scope. */
export function canOnPlan(p: Principal, action: 'plan.read' | 'plan.write', r: PlanPlace): boolean {
  if (p.personId && p.personId === r.ownerPersonId) return true;
  if (action === 'plan.read' && p.personId && p.personId === r.approverPersonId) return true;
  return inScope(p, action, r);
}

/** The designated approver, or anyone holding the approve right within the plan's scope. */
export const canApprovePlan = (p: Principal, r: PlanPlace): boolean =>
  (!!p.personId && p.personId === r.approverPersonId) || inScope(p, 'plan.approve', r);

/**
 * Approved plans (and their wallet cards) are readable more widely: by the grant's scope, and by
 * every person at the plan's duty station (`ownStationId` is the station of the caller's record).
 */
export const canReadApproved = (p: Principal, r: PlanPlace, ownStationId: string | null): boolean =>
  canOnPlan(p, 'plan.read', r) || inScope(p, 'plan.read_approved', r) || (!!ownStationId && ownStationId === r.locationId);

export const canReadWalletCard = (p: Principal, locationId: string, ownStationId: string | null): boolean =>
  allows(p, PLAN_RIGHTS, 'plan.read_approved', { locationId }) || ownStationId === locationId;
export const canWriteWalletCard = (p: Principal, locationId: string): boolean => allows(p, PLAN_RIGHTS, 'plan.write', { locationId });

/**
 * Whether the plan type's policy stops this caller approving a version: the drafter of a version
 * may not approve it unless the type allows self-approval.
 */
export const selfApprovalForbidden = (p: Principal, t: { allowSelfApproval: boolean }, v: { draftedBy: string | null }): boolean =>
  !t.allowSelfApproval && !!v.draftedBy && v.draftedBy === p.userId;

export const canAdminPlanTypes = (p: Principal): boolean => allows(p, PLAN_RIGHTS, 'plan_type.admin', {});
export const planScope = (p: Principal, action: PlanAction): ScopeFilter => scopeFilter(p, PLAN_RIGHTS, action);
