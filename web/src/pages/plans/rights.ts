import { allowsSomewhere } from '../../../../src/domain/access.js';
import { PLAN_RIGHTS } from '../../../../src/modules/plans/policy.js';
import { EXERCISE_RIGHTS } from '../../../../src/modules/exercises/policy.js';
import { principalOf } from '../../access';
import { useSession } from '../../session';

/**
 * Which plan and exercise controls to show, from the server's own rights tables. Per-plan rights
 * (owner, designated approver, self-approval) come from the plan's own `allowed` answer.
 */
export function useAreaRights() {
  const { user } = useSession();
  const p = user ? principalOf(user) : null;
  const can = (rights: 'plans' | 'exercises', action: string) =>
    !!p && (rights === 'plans' ? allowsSomewhere(p, PLAN_RIGHTS, action as never) : allowsSomewhere(p, EXERCISE_RIGHTS, action as never));
  return {
    personId: user?.personId ?? null,
    writePlans: can('plans', 'plan.write'),
    approvePlans: can('plans', 'plan.approve'),
    readPlanDrafts: can('plans', 'plan.read'),
    adminPlanTypes: can('plans', 'plan_type.admin'),
    writeExercises: can('exercises', 'exercise.write'),
    writeLessons: can('exercises', 'lesson.write'),
  };
}
