import type { z } from 'zod';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/types.js';
import { newId, nowIso } from '../../domain/ids.js';
import { matrixProblems, type RiskMatrix } from '../../domain/risk/matrix.js';
import { badRequest, forbidden, notFound } from '../../server/errors.js';
import { ctxActor, type Ctx } from '../../server/context.js';
import { recordAudit } from '../audit/service.js';
import { canAdminMatrices } from './policy.js';
import type { matrixInput } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;
export interface StoredMatrix { id: string; key: string; version: number; name: string; definition: RiskMatrix; createdAt: string }

const present = (r: Database['risk_matrices']): StoredMatrix =>
  ({ id: r.id, key: r.key, version: r.version, name: r.name, definition: JSON.parse(r.definition) as RiskMatrix, createdAt: r.created_at });

// Matrix versions never change once written, so a process may keep them in memory.
const cache = new Map<string, StoredMatrix>();

export async function matrixById(db: Db, id: string): Promise<StoredMatrix> {
  const hit = cache.get(id);
  if (hit) return hit;
  const row = await db.selectFrom('risk_matrices').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Risk matrix');
  const m = present(row);
  cache.set(id, m);
  return m;
}

/** The version in force of a matrix: the latest. */
export async function currentMatrix(db: Db, key: string): Promise<StoredMatrix> {
  const row = await db.selectFrom('risk_matrices').select('id').where('key', '=', key).orderBy('version', 'desc').limit(1).executeTakeFirst();
  if (!row) throw badRequest('Unknown risk matrix', { matrixKey: `No matrix named ${key}` });
  return matrixById(db, row.id);
}

/** Every version, newest first per key, with how many assessments were rated on it (they keep it). */
export async function listMatrices(ctx: Ctx) {
  const rows = await ctx.db.selectFrom('risk_matrices').selectAll().orderBy('key').orderBy('version', 'desc').execute();
  const count = async (table: 'risks' | 'sras' | 'joint_assessments') => new Map((await ctx.db.selectFrom(table).select(['matrix_id'])
    .select((eb) => eb.fn.countAll<number>().as('n')).groupBy('matrix_id').execute()).map((r) => [r.matrix_id, Number(r.n)]));
  const [risks, sras, joint] = await Promise.all([count('risks'), count('sras'), count('joint_assessments')]);
  return rows.map((r) => ({ ...present(r), usage: { risks: risks.get(r.id) ?? 0, sras: sras.get(r.id) ?? 0, jointAssessments: joint.get(r.id) ?? 0 } }));
}

export const getMatrix = (ctx: Ctx, id: string) => matrixById(ctx.db, id);

/** Adds a matrix, or a new version of an existing key; past ratings keep the version they used. */
export async function saveMatrix(ctx: Ctx, input: z.infer<typeof matrixInput>): Promise<StoredMatrix> {
  if (!canAdminMatrices(ctx.principal)) throw forbidden('Only system administrators change risk matrices');
  const problems = matrixProblems(input.definition);
  if (Object.keys(problems).length) {
    throw badRequest('Invalid risk matrix', Object.fromEntries(Object.entries(problems).map(([k, v]) => [`definition.${k}`, v])));
  }
  return ctx.db.transaction().execute(async (trx) => {
    const last = await trx.selectFrom('risk_matrices').select('version').where('key', '=', input.key).orderBy('version', 'desc').limit(1).executeTakeFirst();
    const row = { id: newId(), key: input.key, version: (last?.version ?? 0) + 1, name: input.name, definition: JSON.stringify(input.definition), created_at: nowIso() };
    await trx.insertInto('risk_matrices').values(row).execute();
    const out = present(row);
    await recordAudit(trx, ctxActor(ctx), { action: 'create', subjectType: 'risk_matrix', subjectId: row.id, after: out });
    return out;
  });
}
