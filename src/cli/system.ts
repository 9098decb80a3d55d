import type { Kysely } from 'kysely';
import type { Database } from '../db/types.js';
import type { Principal } from '../domain/access.js';
import type { Ctx } from '../server/context.js';

/** The CLI acts as the system: organization-wide rights, recorded in the audit log as 'system'. */
export const SYSTEM_PRINCIPAL: Principal = {
  userId: '', email: 'system', personId: null,
  grants: [{ role: 'system_admin', scopeType: 'org', scopeId: null, entityIds: new Set(), locationIds: new Set() }],
};

export const systemCtx = (db: Kysely<Database>): Ctx => ({ db, principal: SYSTEM_PRINCIPAL });
