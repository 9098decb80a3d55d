import type { Kysely, Transaction } from 'kysely';
import { Feed } from 'feed';
import { create } from 'xmlbuilder2';
import type { Database } from '../../db/types.js';
import { nowIso } from '../../domain/ids.js';
import { fill, type Content } from '../../domain/notify/template.js';
import { AppError, forbidden, notFound } from '../../server/errors.js';
import { ctxActor, type Ctx } from '../../server/context.js';
import { recordAudit } from '../audit/service.js';
import { capAlert, unexportable, CAP_MEDIA_TYPE, type CapArea, type CapMessage } from './cap.js';
import { getMessage } from './messages.service.js';
import { canNotify } from './policy.js';
import type { Audience } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;
const SENDER_NAME = 'ORMS emergency notification';
const MAX_COUNTRY_STATIONS = 100;
const ATOM = 'http://www.w3.org/2005/Atom';
/** The part of the W3C DOM (xmlbuilder2's) used to type the feed's links. */
interface DomNode { getElementsByTagNameNS(ns: string, name: string): ArrayLike<DomNode>; setAttribute(name: string, value: string): void }

/** Where the alert's reader finds this server: ORMS_PUBLIC_URL, else the address the request came to. */
export const baseUrlOf = (req: { protocol: string; host: string }): string => (process.env.ORMS_PUBLIC_URL ?? `${req.protocol}://${req.host}`).replace(/\/$/, '');
const hostOf = (base: string) => new URL(base).hostname;
export const publicCapUrl = (base: string, id: string) => `${base}/api/v1/public/alerts/${id}/cap.xml`;

/** The places of an audience's include rules, as CAP areas: duty stations, circles and countries. */
async function audienceAreas(db: Db, a: Audience): Promise<CapArea[]> {
  const stationIds = [...new Set(a.include.flatMap((r) => (r.type === 'location' ? [r.id] : r.type === 'teamKind' && r.locationId ? [r.locationId] : [])))];
  const countryCodes = [...new Set(a.include.flatMap((r) => (r.type === 'country' ? [r.code] : [])))];
  const [stations, countries, countryStations] = await Promise.all([
    stationIds.length ? db.selectFrom('locations').select(['id', 'external_id', 'name', 'country_code', 'latitude', 'longitude']).where('id', 'in', stationIds).execute() : [],
    countryCodes.length ? db.selectFrom('countries').select(['code', 'name_en']).where('code', 'in', countryCodes).execute() : [],
    countryCodes.length ? db.selectFrom('locations').select(['country_code', 'latitude', 'longitude']).where('country_code', 'in', countryCodes)
      .where('kind', '=', 'duty_station').where('latitude', 'is not', null).where('longitude', 'is not', null).orderBy('name').execute() : [],
  ]);
  const areas: CapArea[] = [];
  for (const id of stationIds) {
    const s = stations.find((x) => x.id === id);
    if (s) areas.push({ kind: 'station', name: s.name, code: s.external_id ?? s.id, countryCode: s.country_code, latitude: s.latitude, longitude: s.longitude });
  }
  for (const code of countryCodes) {
    const c = countries.find((x) => x.code === code);
    const points = countryStations.filter((s) => s.country_code === code).slice(0, MAX_COUNTRY_STATIONS).map((s) => ({ latitude: s.latitude!, longitude: s.longitude! }));
    areas.push({ kind: 'country', name: c?.name_en ?? code, code, stations: points });
  }
  for (const r of a.include) if (r.type === 'radius') areas.push({ kind: 'circle', latitude: r.latitude, longitude: r.longitude, km: r.km });
  return areas;
}

async function isPublic(db: Db, messageId: string): Promise<boolean> {
  return !!(await db.selectFrom('message_publications').select('public').where('message_id', '=', messageId).executeTakeFirst())?.public;
}

function exportable(m: CapMessage) {
  const fields = unexportable(m);
  if (Object.keys(fields).length) throw new AppError(409, 'not_exportable', 'The message cannot be exported as a CAP alert until these fields are corrected', fields);
}

/** A message the user may see, as CAP 1.2: Actual once sent, Draft before. */
export async function messageCap(ctx: Ctx, id: string, base: string): Promise<string> {
  const m = await getMessage(ctx, id);
  exportable(m);
  const pub = await isPublic(ctx.db, id);
  return capAlert(m, { senderHost: hostOf(base), senderName: SENDER_NAME, public: pub, web: pub && m.status === 'sent' ? publicCapUrl(base, id) : undefined, areas: await audienceAreas(ctx.db, m.audience) });
}

const fromRow = (r: Database['messages']): CapMessage & { audience: Audience } => ({
  id: r.id, title: r.title, severity: r.severity, content: JSON.parse(r.content) as Content, variables: JSON.parse(r.variables) as Record<string, string>,
  responseOptions: r.response_options ? (JSON.parse(r.response_options) as string[]) : null, status: r.status, sentAt: r.sent_at, updatedAt: r.updated_at,
  audience: JSON.parse(r.audience) as Audience,
});

const publicMessages = (db: Db) => db.selectFrom('messages').innerJoin('message_publications', 'message_publications.message_id', 'messages.id')
  .selectAll('messages').where('message_publications.public', '=', 1).where('messages.status', '=', 'sent');

/** A sent public alert as CAP, for anyone. */
export async function publicCap(db: Db, id: string, base: string): Promise<string> {
  const r = await publicMessages(db).where('messages.id', '=', id).executeTakeFirst();
  if (!r) throw notFound('Public alert');
  const m = fromRow(r);
  exportable(m);
  return capAlert(m, { senderHost: hostOf(base), senderName: SENDER_NAME, public: true, web: publicCapUrl(base, id), areas: await audienceAreas(db, m.audience) });
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The Atom feed of sent public alerts, newest first; each entry links to its CAP alert. */
export async function publicFeed(db: Db, base: string): Promise<string> {
  const rows = await publicMessages(db).orderBy('messages.sent_at', 'desc').limit(50).execute();
  const self = `${base}/api/v1/public/alerts.atom`;
  const feed = new Feed({
    title: 'ORMS public alerts', description: 'Emergency notifications released to the public, each as a CAP 1.2 alert', id: self, link: `${base}/`,
    updated: new Date(rows[0]?.sent_at ?? '2000-01-01T00:00:00Z'), generator: 'ORMS', language: 'en', copyright: 'Public alert', feedLinks: { atom: self },
    author: { name: SENDER_NAME },
  });
  for (const r of rows) {
    const m = fromRow(r);
    if (Object.keys(unexportable(m)).length) continue; // never publish what a reader could not parse
    const lang = m.content.en ? 'en' : Object.keys(m.content)[0]!;
    const t = m.content[lang]!;
    const cap = publicCapUrl(base, m.id);
    // Atom's html text: the message is plain text, escaped so no reader runs it as markup.
    feed.addItem({
      id: `urn:uuid:${m.id}`, title: escapeHtml(fill(t.subject, m.variables)), description: escapeHtml(fill(t.body, m.variables)), link: cap,
      date: new Date(m.sentAt!), published: new Date(m.sentAt!), category: [{ term: m.severity, name: m.severity }],
    });
  }
  // Each entry's link is its CAP alert, typed so CAP-aware readers take it (OASIS CAP feeds).
  const doc = create(feed.atom1());
  const dom = doc.node as unknown as DomNode;
  for (const entry of Array.from(dom.getElementsByTagNameNS(ATOM, 'entry'))) {
    for (const link of Array.from(entry.getElementsByTagNameNS(ATOM, 'link'))) { link.setAttribute('rel', 'alternate'); link.setAttribute('type', CAP_MEDIA_TYPE); }
  }
  return doc.end({ prettyPrint: true });
}

export async function getPublication(ctx: Ctx, id: string) {
  await getMessage(ctx, id);
  const p = await ctx.db.selectFrom('message_publications').selectAll().where('message_id', '=', id).executeTakeFirst();
  return { messageId: id, public: !!p?.public, changedBy: p?.changed_by ?? null, changedAt: p?.changed_at ?? null };
}

/** Marks a message as a public alert (or withdraws it from the feed); senders only. */
export async function setPublication(ctx: Ctx, id: string, pub: boolean) {
  if (!canNotify(ctx.principal, 'message.send')) throw forbidden('Only those who may send messages decide which are public');
  const before = await getPublication(ctx, id);
  return ctx.db.transaction().execute(async (trx) => {
    const row = { message_id: id, public: pub ? 1 : 0, changed_by: ctx.principal.email, changed_at: nowIso() };
    await trx.insertInto('message_publications').values(row).onConflict((oc) => oc.column('message_id').doUpdateSet({ public: row.public, changed_by: row.changed_by, changed_at: row.changed_at })).execute();
    const after = { messageId: id, public: pub, changedBy: row.changed_by, changedAt: row.changed_at };
    await recordAudit(trx, ctxActor(ctx), { action: pub ? 'publish' : 'unpublish', subjectType: 'message', subjectId: id, before, after });
    return after;
  });
}
