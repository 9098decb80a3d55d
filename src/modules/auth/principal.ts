import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import type { Grant, Principal, Role, ScopeType } from '../../domain/access.js';

/** Subtree of an entity: itself and every descendant, through the materialized path. */
export async function entitySubtree(db: Kysely<Database>, entityId: string): Promise<string[]> {
  const root = await db.selectFrom('entities').select('path').where('id', '=', entityId).executeTakeFirst();
  if (!root) return [];
  const rows = await db.selectFrom('entities').select('id').where('path', 'like', `${root.path}%`).execute();
  return rows.map((r) => r.id);
}

/** A duty station and its premises (locations are two levels deep). */
export async function locationSubtree(db: Kysely<Database>, locationId: string): Promise<string[]> {
  const rows = await db.selectFrom('locations').select('id')
    .where((eb) => eb.or([eb('id', '=', locationId), eb('parent_id', '=', locationId)])).execute();
  return rows.map((r) => r.id);
}

export async function loadPrincipal(db: Kysely<Database>, userId: string): Promise<Principal | undefined> {
  const user = await db.selectFrom('users').select(['id', 'email', 'person_id', 'disabled'])
    .where('id', '=', userId).executeTakeFirst();
  if (!user || user.disabled) return undefined;
  const rows = await db.selectFrom('role_grants').select(['role', 'scope_type', 'scope_id'])
    .where('user_id', '=', userId).execute();
  const grants: Grant[] = await Promise.all(rows.map(async (r) => ({
    role: r.role as Role,
    scopeType: r.scope_type as ScopeType,
    scopeId: r.scope_id,
    entityIds: new Set(r.scope_type === 'entity' && r.scope_id ? await entitySubtree(db, r.scope_id) : []),
    locationIds: new Set(r.scope_type === 'location' && r.scope_id ? await locationSubtree(db, r.scope_id) : []),
  })));
  return { userId: user.id, email: user.email, personId: user.person_id, grants };
}
