import { allows, scopeFilter, type Principal, type RightsTable, type ScopeFilter } from '../../domain/access.js';

/**
 * Exercise programme authorization. Exercises and after-action reviews belong to an entity and/or
 * a duty station and are planned and reviewed within that scope. The lessons-learned library is
 * shared across entities (000 §10: maximum organizational learning): everyone signed in reads it.
 */
export type ExerciseAction = 'exercise.read' | 'exercise.write' | 'lesson.write';

export const EXERCISE_RIGHTS: RightsTable<ExerciseAction> = {
  system_admin: ['exercise.read', 'exercise.write', 'lesson.write'],
  entity_admin: ['exercise.read', 'exercise.write', 'lesson.write'],
  orms_focal_point: ['exercise.read', 'exercise.write', 'lesson.write'],
  bc_coordinator: ['exercise.read', 'exercise.write', 'lesson.write'],
  security_adviser: ['exercise.read', 'exercise.write', 'lesson.write'],
  crisis_team_member: ['exercise.read', 'lesson.write'],
  viewer: ['exercise.read'],
  staff: [],
};

export interface ExercisePlace { entityId: string | null; locationId: string | null }

export const canOnExercise = (p: Principal, action: 'exercise.read' | 'exercise.write', r: ExercisePlace): boolean =>
  allows(p, EXERCISE_RIGHTS, action, { entityId: r.entityId, locationId: r.locationId });

/** A corrective action's owner may update its progress even without rights on the review. */
export const canUpdateAction = (p: Principal, review: ExercisePlace, ownerPersonId: string): boolean =>
  p.personId === ownerPersonId || canOnExercise(p, 'exercise.write', review);

export const canWriteLesson = (p: Principal, r: ExercisePlace): boolean =>
  r.entityId || r.locationId ? allows(p, EXERCISE_RIGHTS, 'lesson.write', { entityId: r.entityId, locationId: r.locationId }) : allows(p, EXERCISE_RIGHTS, 'lesson.write', {});

export const exerciseScope = (p: Principal): ScopeFilter => scopeFilter(p, EXERCISE_RIGHTS, 'exercise.read');
