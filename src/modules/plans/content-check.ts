import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/types.js';
import { callTreeLevels, type PlanContent } from '../../domain/plans/content.js';
import type { FieldErrors } from '../../server/errors.js';

/** Field errors for content that names unknown people or teams, repeats a section key, or loops its call tree. */
export async function checkContent(db: Kysely<Database> | Transaction<Database>, c: PlanContent, prefix = 'content'): Promise<FieldErrors> {
  const fields: FieldErrors = {};
  const people = new Set<string>();
  const teams = new Set<string>();
  c.sections.forEach((s) => s.blocks.forEach((b) => {
    if (b.type === 'contacts') { b.personIds.forEach((x) => people.add(x)); b.teamIds.forEach((x) => teams.add(x)); }
    if (b.type === 'roles') b.entries.forEach((e) => e.teamId && teams.add(e.teamId));
    if (b.type === 'call_tree') b.nodes.forEach((n) => people.add(n.personId));
  }));
  const known = async (table: 'people' | 'teams', ids: Set<string>) =>
    new Set(ids.size ? (await db.selectFrom(table).select('id').where('id', 'in', [...ids]).execute()).map((r) => r.id) : []);
  const [kp, kt] = await Promise.all([known('people', people), known('teams', teams)]);
  const keys = new Set<string>();
  c.sections.forEach((s, i) => {
    const at = `${prefix}.sections.${i}`;
    if (keys.has(s.key)) fields[`${at}.key`] = 'Section keys must be unique in a plan';
    keys.add(s.key);
    s.blocks.forEach((b, j) => {
      const bt = `${at}.blocks.${j}`;
      if (b.type === 'contacts') {
        b.personIds.forEach((x, k) => { if (!kp.has(x)) fields[`${bt}.personIds.${k}`] = 'No such person'; });
        b.teamIds.forEach((x, k) => { if (!kt.has(x)) fields[`${bt}.teamIds.${k}`] = 'No such team'; });
      }
      if (b.type === 'roles') b.entries.forEach((e, k) => { if (e.teamId && !kt.has(e.teamId)) fields[`${bt}.entries.${k}.teamId`] = 'No such team'; });
      if (b.type === 'call_tree') {
        b.nodes.forEach((n, k) => { if (!kp.has(n.personId)) fields[`${bt}.nodes.${k}.personId`] = 'No such person'; });
        const unique = new Set(b.nodes.map((n) => n.personId));
        if (unique.size !== b.nodes.length) fields[`${bt}.nodes`] = 'Each person appears once in a call tree';
        else if (callTreeLevels(b.nodes).length !== b.nodes.length) fields[`${bt}.nodes`] = 'The call tree has a loop: every person must be reached from someone who starts the calls';
      }
    });
  });
  return fields;
}
