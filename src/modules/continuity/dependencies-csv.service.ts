import { parse } from 'csv-parse/sync';
import type { z } from 'zod';
import { sql } from 'kysely';
import type { BcDependencyTable } from '../../db/types.js';
import { READINESS, type Readiness } from '../../domain/continuity/graph.js';
import { isUuid, newId, nowIso } from '../../domain/ids.js';
import { AppError } from '../../server/errors.js';
import { renderTable, unguardCell, type Cell } from '../../server/tabular.js';
import { ctxActor, type Ctx } from '../../server/context.js';
import { recordAudit } from '../audit/service.js';
import { canSeeNode, continuityChanged, resolveNodes, type NodeRef } from './common.js';
import { alternatesOf, edgeProblemsOn, listDependencies, presentDependency, writeAlternates } from './dependencies.service.js';
import { canOnRecord } from './policy.js';
import { NODE_TYPES, domainKindOf, type NodeType } from './model.js';
import { continuityModel } from './model-cache.js';
import { visibility } from './analysis.service.js';
import type { dependencyListQuery } from './schema.js';

/**
 * Dependencies as a flat file (issue 5 §2, "imports from CSV"): one edge per row, its ends given by
 * id or by name (with the type when a name is shared), alternates as `ref|readiness|hours`
 * separated by `;`. The whole file is checked first with the same rules as the API; one bad row
 * and nothing is written. A row for an edge that exists updates it, so an export imports back
 * unchanged.
 */
export const DEPENDENCY_COLUMNS = ['from', 'from_type', 'to', 'to_type', 'needed_within_hours', 'alternates', 'note'] as const;
/** Written by the export for people to read; ignored on import. */
const INFO_COLUMNS = ['from_name', 'to_name'] as const;
const MAX_ROWS = 50_000;

interface RowError { row: number; field: string; message: string }
type Row = Record<string, string>;
interface Alternate { nodeId: string; readiness: Readiness; activationHours: number }

const lineOf = (i: number) => i + 2; // line 1 is the header

function parseFile(text: string): Row[] {
  let rows: Row[];
  try {
    rows = parse(text, { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), skip_empty_lines: true, trim: true, bom: true, cast: (v: string) => unguardCell(v) });
  } catch (e) {
    throw new AppError(400, 'invalid_csv', `The file is not valid CSV: ${(e as Error).message}`);
  }
  const header = parse(text, { to_line: 1, bom: true, trim: true })[0] as string[] | undefined ?? [];
  const names = header.map((h) => h.toLowerCase());
  const known: readonly string[] = [...DEPENDENCY_COLUMNS, ...INFO_COLUMNS];
  const unknown = names.filter((h) => !known.includes(h));
  const missing = ['from', 'to'].filter((c) => !names.includes(c));
  if (unknown.length || missing.length) {
    throw new AppError(400, 'invalid_csv', `Columns must be among: ${DEPENDENCY_COLUMNS.join(', ')}` +
      (unknown.length ? `; unknown: ${unknown.join(', ')}` : '') + (missing.length ? `; missing: ${missing.join(', ')}` : ''));
  }
  if (!rows.length) throw new AppError(400, 'invalid_csv', 'The file has no data rows');
  if (rows.length > MAX_ROWS) throw new AppError(400, 'invalid_csv', `At most ${MAX_ROWS} rows per file`);
  return rows;
}

function reject(errors: RowError[]): never {
  const rows = [...errors].sort((a, b) => a.row - b.row).slice(0, 1000);
  throw new AppError(400, 'invalid_csv', `${new Set(errors.map((e) => e.row)).size} row(s) are invalid; nothing was imported`, undefined, { rows });
}

/** Names → ids among the nodes the caller can see, per type; people come from the organization's directory. */
async function nameIndex(ctx: Ctx, personNames: Set<string>) {
  const m = await continuityModel(ctx.db);
  const byName = new Map<string, { id: string; type: NodeType }[]>();
  const put = (name: string, id: string, type: NodeType) => {
    const list = byName.get(name) ?? [];
    if (!list.some((x) => x.id === id)) list.push({ id, type });
    byName.set(name, list);
  };
  const sees = visibility(ctx, m); // a node out of scope reads as missing, and never makes a name ambiguous
  for (let i = 0; i < m.name.length; i++) if (sees(i)) put(m.lowerName[i]!, m.model.graph.ids[i]!, NODE_TYPES[m.type[i]!]!);
  const wanted = [...personNames];
  for (let i = 0; i < wanted.length; i += 500) {
    const slice = wanted.slice(i, i + 500);
    const people = await ctx.db.selectFrom('people').select('id')
      .select(sql<string>`lower(family_name || ', ' || given_name)`.as('label'))
      .where(sql<string>`lower(family_name || ', ' || given_name)`, 'in', slice).execute();
    for (const p of people) put(p.label, p.id, 'person');
  }
  return byName;
}

export async function importDependencies(ctx: Ctx, text: string, dryRun: boolean) {
  const rows = parseFile(text);
  const errors: RowError[] = [];
  const err = (i: number, field: string, message: string) => errors.push({ row: lineOf(i), field, message });

  // Alternates first, split into their parts, so every reference of the file is known before lookups.
  const altCells = rows.map((r, i) => (r.alternates ?? '').split(';').map((x) => x.trim()).filter(Boolean).map((cell) => {
    const [ref = '', readiness = 'ready', hours = '0', ...more] = cell.split('|').map((x) => x.trim());
    if (more.length || !ref) err(i, 'alternates', `"${cell}": give ref|readiness|hours`);
    return { ref, readiness, hours };
  }));
  const refs = rows.flatMap((r, i) => [r.from ?? '', r.to ?? '', ...altCells[i]!.map((a) => a.ref)]).filter(Boolean);
  const byName = await nameIndex(ctx, new Set(refs.filter((x) => !isUuid(x)).map((x) => x.toLowerCase())));
  const nodes = await resolveNodes(ctx.db, refs.filter(isUuid));

  /** One reference to a node: an id, or a name unique among the visible nodes of the allowed types. */
  const resolve = (i: number, field: string, ref: string, types: readonly NodeType[]): { id: string; type: NodeType } | undefined => {
    if (!ref) { err(i, field, 'Required'); return undefined; }
    if (isUuid(ref)) {
      const n = nodes.get(ref);
      if (n && canSeeNode(ctx.principal, n) && types.includes(n.type)) return { id: ref, type: n.type };
      err(i, field, `No ${types.join(' or ').replace(/_/g, ' ')} with id ${ref}`);
      return undefined;
    }
    const found = (byName.get(ref.toLowerCase()) ?? []).filter((x) => types.includes(x.type));
    if (found.length === 1) return found[0]!;
    err(i, field, found.length ? `${found.length} nodes are named "${ref}": give the type or the id` : `No ${types.join(' or ').replace(/_/g, ' ')} named "${ref}"`);
    return undefined;
  };
  const typesOf = (i: number, column: string, cell: string | undefined, allowed: readonly NodeType[]): readonly NodeType[] => {
    if (!cell) return allowed;
    if ((allowed as readonly string[]).includes(cell)) return [cell as NodeType];
    err(i, column, `One of ${allowed.join(', ')}`);
    return [];
  };

  const edges: { i: number; fromId: string; toId: string; needed: number; alternates: Alternate[]; note: string }[] = [];
  const seen = new Map<string, number>();
  rows.forEach((r, i) => {
    const before = errors.length;
    const fromId = resolve(i, 'from', r.from ?? '', typesOf(i, 'from_type', r.from_type, ['process', 'application']))?.id;
    const toTypes = typesOf(i, 'to_type', r.to_type, NODE_TYPES);
    const to = resolve(i, 'to', r.to ?? '', toTypes);
    const toId = to?.id;
    const neededText = r.needed_within_hours ?? '';
    const needed = neededText === '' ? 0 : Number(neededText);
    if (!Number.isFinite(needed) || needed < 0 || needed > 1e6) err(i, 'needed_within_hours', 'Must be zero or a positive number of hours');
    const alternates: Alternate[] = [];
    for (const a of altCells[i]!) {
      // A stand-in is of the same kind as what it stands in for (a data centre for premises, say).
      const nodeId = resolve(i, 'alternates', a.ref, to ? NODE_TYPES.filter((t) => domainKindOf(t) === domainKindOf(to.type)) : toTypes)?.id;
      if (!(READINESS as readonly string[]).includes(a.readiness)) err(i, 'alternates', `"${a.ref}": readiness is one of ${READINESS.join(', ')}`);
      const hours = Number(a.hours);
      if (!Number.isFinite(hours) || hours < 0 || hours > 1e6) err(i, 'alternates', `"${a.ref}": activation must be zero or a positive number of hours`);
      if (nodeId) alternates.push({ nodeId, readiness: a.readiness as Readiness, activationHours: hours });
    }
    if ((r.note ?? '').length > 2000) err(i, 'note', 'At most 2000 characters');
    if (fromId && toId) {
      const key = `${fromId}>${toId}`;
      const first = seen.get(key);
      if (first !== undefined) err(i, 'to', `Same dependency as line ${lineOf(first)}`);
      else seen.set(key, i);
    }
    if (errors.length === before && fromId && toId) edges.push({ i, fromId, toId, needed, alternates, note: r.note ?? '' });
  });

  // The API's own rules on every edge, against the nodes now known by id.
  const all = await resolveNodes(ctx.db, edges.flatMap((e) => [e.fromId, e.toId, ...e.alternates.map((a) => a.nodeId)]));
  const COLUMN: Record<string, string> = { fromId: 'from', toId: 'to', neededWithinHours: 'needed_within_hours' };
  const checked: { e: (typeof edges)[number]; from: NodeRef; to: NodeRef }[] = [];
  for (const e of edges) {
    const { fields } = edgeProblemsOn(ctx, all, e.fromId, e.toId, e.needed, e.alternates);
    for (const [k, msg] of Object.entries(fields)) err(e.i, COLUMN[k] ?? (k.startsWith('alternates') ? 'alternates' : k), msg);
    const from = all.get(e.fromId)!, to = all.get(e.toId)!;
    if (!Object.keys(fields).length && !canOnRecord(ctx.principal, 'bc.write', from.place)) err(e.i, 'from', `You may not change the dependencies of this ${from.type}`);
    if (!Object.keys(fields).length) checked.push({ e, from, to });
  }
  if (errors.length) reject(errors);

  return ctx.db.transaction().execute(async (trx) => {
    const existing = new Map<string, BcDependencyTable>();
    const froms = [...new Set(checked.map((c) => c.e.fromId))];
    for (let i = 0; i < froms.length; i += 500) {
      for (const d of await trx.selectFrom('bc_dependencies').selectAll().where('from_id', 'in', froms.slice(i, i + 500)).execute()) existing.set(`${d.from_id}>${d.to_id}`, d);
    }
    const existingAlts = await alternatesOf(trx, [...existing.values()].map((d) => d.id));
    let created = 0, updated = 0, unchanged = 0;
    const now = nowIso();
    for (const { e, from, to } of checked) {
      const before = existing.get(`${e.fromId}>${e.toId}`);
      const alts = e.alternates;
      if (before) {
        const beforeAlts = existingAlts.get(before.id) ?? [];
        const same = Number(before.needed_within_hours) === e.needed && before.note === e.note && beforeAlts.length === alts.length
          && beforeAlts.every((a, j) => a.node_id === alts[j]!.nodeId && a.readiness === alts[j]!.readiness && Number(a.activation_hours) === alts[j]!.activationHours);
        if (same) { unchanged++; continue; }
        updated++;
        if (dryRun) continue;
        const row = { ...before, needed_within_hours: e.needed, note: e.note, updated_at: now };
        await trx.updateTable('bc_dependencies').set(row).where('id', '=', before.id).execute();
        await writeAlternates(trx, before.id, alts, all);
        const after = presentDependency(row, (await alternatesOf(trx, [before.id])).get(before.id)!);
        await recordAudit(trx, ctxActor(ctx), { action: 'import', subjectType: 'bc_dependency', subjectId: before.id, entityId: from.place.entityId, locationId: from.place.locationId, before: presentDependency(before, beforeAlts), after });
        continue;
      }
      created++;
      if (dryRun) continue;
      const row: BcDependencyTable = { id: newId(), from_id: from.id, from_type: from.type, to_id: to.id, to_type: to.type, needed_within_hours: e.needed, note: e.note, created_at: now, updated_at: now };
      await trx.insertInto('bc_dependencies').values(row).execute();
      await writeAlternates(trx, row.id, alts, all);
      const after = presentDependency(row, (await alternatesOf(trx, [row.id])).get(row.id)!);
      await recordAudit(trx, ctxActor(ctx), { action: 'import', subjectType: 'bc_dependency', subjectId: row.id, entityId: from.place.entityId, locationId: from.place.locationId, after });
    }
    if (!dryRun && created + updated > 0) await continuityChanged(trx);
    return { total: rows.length, created, updated, unchanged, dryRun };
  });
}

/** The visible dependencies (with the list filters) in the import's shape: ids, with names beside them. */
export async function exportDependencies(ctx: Ctx, q: Omit<z.infer<typeof dependencyListQuery>, 'page' | 'pageSize'>, format: 'csv' | 'xlsx') {
  const items = [];
  for (let page = 1; page <= 200; page++) {
    const p = await listDependencies(ctx, { ...q, page, pageSize: 500 });
    items.push(...p.items);
    if (p.items.length < 500) break;
  }
  const names = await resolveNodes(ctx.db, items.flatMap((d) => [d.fromId, d.toId]));
  const rows: Cell[][] = items.map((d) => [d.fromId, d.fromType, d.toId, d.toType, d.neededWithinHours,
    d.alternates.map((a) => `${a.nodeId}|${a.readiness}|${a.activationHours}`).join(';'), d.note, names.get(d.fromId)?.name ?? '', names.get(d.toId)?.name ?? '']);
  return renderTable(format, [...DEPENDENCY_COLUMNS, ...INFO_COLUMNS], rows, 'Dependencies');
}
