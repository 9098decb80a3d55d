import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/types.js';
import { newId, nowIso } from '../../domain/ids.js';
import type { Channel } from '../../domain/notify/channels.js';
import { ESCALATION_CONTENT, escalationDue, escalationVariables } from '../../domain/notify/escalation.js';
import { conflict, forbidden } from '../../server/errors.js';
import { ctxActor, type Ctx } from '../../server/context.js';
import { recordAudit, SYSTEM_ACTOR, type Actor } from '../audit/service.js';
import { canNotify, rolesIn } from './policy.js';
import { scopeOf, scopeRefOf } from './policies.service.js';
import { messageRow, queueRecipients, reachOf } from './messages.service.js';

type MessageRow = Database['messages'];

export interface EscalationResult {
  /** Messages sent to warden teams (one per team). */
  escalations: number;
  /** People told (team members). */
  notified: number;
  /** Silent people listed to someone. */
  listed: number;
  /** Silent people at a duty station with neither a wardens team nor a crisis management team for them. */
  withoutWarden: number;
}

/**
 * Tells the wardens of each duty station who there has not answered (see the rule in
 * domain/notify/escalation.ts): one message per team, sent at once through the outbox on the
 * parent's channels. A team serves a person when it has no entity or the person's entity.
 */
export async function escalateNonResponders(trx: Transaction<Database>, parent: MessageRow, actor: Actor, now = nowIso()): Promise<EscalationResult> {
  const silent = await trx.selectFrom('message_recipients as r').innerJoin('people as p', 'p.id', 'r.person_id')
    .select(['r.person_id', 'r.location_id', 'r.entity_id', 'p.given_name', 'p.family_name'])
    .where('r.message_id', '=', parent.id).where('r.latest_answer', 'is', null).orderBy('p.family_name').orderBy('p.given_name').execute();
  const stations = [...new Set(silent.map((s) => s.location_id).filter((x): x is string => !!x))];
  const teams = stations.length
    ? await trx.selectFrom('teams').select(['id', 'kind', 'entity_id', 'location_id']).where('location_id', 'in', stations).where('kind', 'in', ['wardens', 'crisis_management_team']).orderBy('name').execute()
    : [];
  const stationNames = new Map(stations.length ? (await trx.selectFrom('locations').select(['id', 'name']).where('id', 'in', stations).execute()).map((l) => [l.id, l.name]) : []);
  const assigned = new Map<string, { station: string; names: string[] }>();
  let withoutWarden = 0;
  let listed = 0;
  for (const s of silent) {
    const serves = (kind: string) => teams.filter((t) => t.kind === kind && t.location_id === s.location_id && (!t.entity_id || t.entity_id === s.entity_id));
    const chosen = serves('wardens').length ? serves('wardens') : serves('crisis_management_team');
    if (!chosen.length) { withoutWarden++; continue; }
    listed++;
    for (const t of chosen) {
      const a = assigned.get(t.id) ?? { station: s.location_id!, names: [] };
      a.names.push(`${s.given_name} ${s.family_name}`);
      assigned.set(t.id, a);
    }
  }
  const channels = JSON.parse(parent.channels) as Channel[];
  let escalations = 0;
  let notified = 0;
  for (const [teamId, a] of assigned) {
    const members = trx.selectFrom('people').select(['people.id', 'people.language', 'people.entity_id', 'people.home_location_id'])
      .where('people.status', '=', 'active').where('people.id', 'in', trx.selectFrom('team_members').select('person_id').where('team_id', '=', teamId));
    const reach = await reachOf(trx, members, channels);
    if (!reach.recipients.length) continue;
    const station = stationNames.get(a.station) ?? '';
    const id = newId();
    await trx.insertInto('messages').values({
      id, title: `${parent.title} — ${station}: ${a.names.length}`, severity: parent.severity, content: JSON.stringify(ESCALATION_CONTENT),
      variables: JSON.stringify(escalationVariables(parent.title, station, a.names)), response_options: null,
      audience: JSON.stringify({ include: [{ type: 'team', id: teamId }], exclude: [], includeDependants: false }), channels: parent.channels,
      status: 'sent', approvals_required: 0, drafted_by: actor.userId ?? parent.sent_by ?? parent.drafted_by, sent_by: actor.userId ?? parent.sent_by, sent_at: now,
      bypass_reason: null, recipient_count: reach.recipients.length, created_at: now, updated_at: now,
      scope_type: parent.scope_type, scope_id: parent.scope_id, template_id: null, kind: 'escalation', parent_id: parent.id,
      escalate_after_minutes: null, escalated_at: null, policy: parent.policy,
    }).execute();
    await queueRecipients(trx, id, reach, channels, now);
    escalations++;
    notified += reach.recipients.length;
  }
  await trx.updateTable('messages').set({ escalated_at: now, updated_at: now }).where('id', '=', parent.id).execute();
  const result = { escalations, notified, listed, withoutWarden };
  await recordAudit(trx, actor, { action: 'escalate', subjectType: 'message', subjectId: parent.id, after: { ...result, silent: silent.length } });
  return result;
}

/** "Escalate now" from the board: allowed to whoever may send for the message's scope, again and again. */
export async function escalateNow(ctx: Ctx, id: string): Promise<EscalationResult> {
  if (!canNotify(ctx.principal, 'message.send')) throw forbidden('You may not send messages');
  return ctx.db.transaction().execute(async (trx) => {
    const m = await messageRow(trx, id);
    if (!rolesIn(ctx.principal, 'message.send', scopeOf(scopeRefOf(m.scope_type, m.scope_id))).length) throw forbidden('You may not send messages for this scope');
    if (m.status !== 'sent' || m.kind !== 'message') throw conflict('Only a sent message can be escalated');
    if (!m.response_options) throw conflict('This message does not ask for an answer');
    return escalateNonResponders(trx, m, ctxActor(ctx));
  });
}

/**
 * Escalates every message whose delay has passed, once. The claim (escalated_at set where still
 * empty) and the escalation commit together, so several nodes never escalate one message twice
 * and a crash leaves it to be escalated on the next round.
 */
export async function escalateDue(db: Kysely<Database>, now = new Date()): Promise<number> {
  const candidates = await db.selectFrom('messages').select(['id', 'status', 'sent_at', 'escalate_after_minutes', 'escalated_at'])
    .where('status', '=', 'sent').where('kind', '=', 'message').where('escalated_at', 'is', null).where('escalate_after_minutes', 'is not', null)
    .where('response_options', 'is not', null).limit(100).execute();
  let done = 0;
  for (const c of candidates) {
    if (!escalationDue({ status: c.status, sentAt: c.sent_at, escalateAfterMinutes: c.escalate_after_minutes, escalatedAt: c.escalated_at }, now)) continue;
    const at = now.toISOString();
    done += await db.transaction().execute(async (trx) => {
      const claim = await trx.updateTable('messages').set({ escalated_at: at }).where('id', '=', c.id).where('escalated_at', 'is', null).executeTakeFirst();
      if (!Number(claim.numUpdatedRows)) return 0;
      await escalateNonResponders(trx, await messageRow(trx, c.id), SYSTEM_ACTOR, at);
      return 1;
    });
  }
  return done;
}
