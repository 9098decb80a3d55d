import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/types.js';
import { newId, nowIso } from '../../domain/ids.js';
import type { AuditAction, AuditSubject } from '../../domain/audit.js';

/** Who did it: a signed-in user, or the system itself (seeding, CLI, jobs). */
export interface Actor { userId: string | null; email: string | null }
export const SYSTEM_ACTOR: Actor = { userId: null, email: 'system' };

export interface AuditInput {
  action: AuditAction;
  subjectType: AuditSubject;
  subjectId: string;
  entityId?: string | null | undefined;
  locationId?: string | null | undefined;
  before?: unknown;
  after?: unknown;
}

/** Records one audit event. Call it inside the transaction that makes the change. */
export async function recordAudit(trx: Transaction<Database> | Kysely<Database>, actor: Actor, e: AuditInput): Promise<void> {
  await trx.insertInto('audit_events').values({
    id: newId(),
    at: nowIso(),
    actor_id: actor.userId,
    actor_email: actor.email,
    action: e.action,
    subject_type: e.subjectType,
    subject_id: e.subjectId,
    entity_id: e.entityId ?? null,
    location_id: e.locationId ?? null,
    before: e.before === undefined ? null : JSON.stringify(e.before),
    after: e.after === undefined ? null : JSON.stringify(e.after),
  }).execute();
}
