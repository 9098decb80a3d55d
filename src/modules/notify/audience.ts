import { PostgresAdapter, sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { Database } from '../../db/types.js';
import type { ScopeFilter } from '../../domain/access.js';
import { distanceKm, positionOf } from '../../domain/travel/whereabouts.js';
import { entitySubtree, locationSubtree } from '../auth/principal.js';
import { displacedOn, today, type Resolved } from '../travel/whereabouts.repo.js';
import type { Audience, AudienceRule } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;
type PeopleEb = ExpressionBuilder<Database, 'people'>;
type Condition = (eb: PeopleEb) => Expression<SqlBool>;
type Place = { id: string; parentId: string | null; countryCode: string; latitude: number | null; longitude: number | null };

/**
 * `column IN ids` for id lists of any length: short lists inline; long ones as one JSON/array
 * parameter, so no bound-parameter limit is ever reached.
 */
function inIds(db: Db, column: 'people.id' | 'people.home_location_id', ids: readonly string[]): Condition {
  if (!ids.length) return (eb) => eb.lit(false);
  if (ids.length <= 200) return (eb) => eb(column, 'in', [...ids]);
  if (db.getExecutor().adapter instanceof PostgresAdapter) return () => sql<SqlBool>`${sql.ref(column)} = any(${[...ids]}::text[])`;
  return () => sql<SqlBool>`${sql.ref(column)} in (select value from json_each(${JSON.stringify(ids)}))`;
}

/**
 * Where people are on the audience's day, read once per resolution and only when a rule or the
 * scope depends on place: travellers on a trip leg and people with a recent self-report (the rule
 * of domain/travel/whereabouts); everyone else is at their home duty station.
 */
class Whereabouts {
  private displaced?: Promise<Resolved[]>;
  private places?: Promise<Map<string, Place>>;
  constructor(private db: Db, readonly on: string) {}
  people = () => (this.displaced ??= displacedOn(this.db, this.on));
  locations = () => (this.places ??= this.db.selectFrom('locations').select(['id', 'parent_id', 'country_code', 'latitude', 'longitude']).execute()
    .then((rows) => new Map(rows.map((l) => [l.id, { id: l.id, parentId: l.parent_id, countryCode: l.country_code, latitude: l.latitude, longitude: l.longitude }]))));

  /**
   * People whose place on the day satisfies `at`: at home there and not away, or away and there.
   * `homeIn` is the same test on the home duty station, as SQL.
   */
  async matching(at: (r: Resolved, places: Map<string, Place>) => boolean, homeIn: Condition, homeAt: (homeId: string | null, places: Map<string, Place>) => boolean): Promise<Condition> {
    const [people, places] = await Promise.all([this.people(), this.locations()]);
    const arrived: string[] = [];
    const left: string[] = [];
    for (const r of people) {
      const there = at(r, places);
      const home = homeAt(r.homeLocationId, places);
      if (there && !home) arrived.push(r.personId);
      if (!there && home) left.push(r.personId);
    }
    const arrivedIn = inIds(this.db, 'people.id', arrived);
    const leftFrom = inIds(this.db, 'people.id', left);
    return (eb) => eb.or([
      left.length ? eb.and([homeIn(eb), eb.not(leftFrom(eb))]) : homeIn(eb),
      arrivedIn(eb),
    ]);
  }
}

/** Turns a rule into a condition on `people`; lookups that need the database happen first. */
async function ruleCondition(db: Db, rule: AudienceRule, where: Whereabouts): Promise<Condition> {
  switch (rule.type) {
    case 'everyone':
      return (eb) => eb.lit(true);
    case 'location': {
      // Everyone at the duty station (or its premises) on the day: its own staff not away, and visitors.
      const ids = await locationSubtree(db as Kysely<Database>, rule.id);
      const set = new Set(ids);
      return where.matching((r) => !!r.whereabouts.locationId && set.has(r.whereabouts.locationId), inIds(db, 'people.home_location_id', ids), (h) => !!h && set.has(h));
    }
    case 'country': {
      const inCountry = (id: string | null, places: Map<string, Place>) => !!id && places.get(id)?.countryCode === rule.code;
      return where.matching((r, places) => inCountry(r.whereabouts.locationId, places),
        (eb) => eb('people.home_location_id', 'in', eb.selectFrom('locations').select('id').where('country_code', '=', rule.code)), inCountry);
    }
    case 'entity': {
      const ids = await entitySubtree(db as Kysely<Database>, rule.id);
      return (eb) => (ids.length ? eb('people.entity_id', 'in', ids) : eb.lit(false));
    }
    case 'team':
      return (eb) => eb('people.id', 'in', eb.selectFrom('team_members').select('person_id').where('team_id', '=', rule.id));
    case 'teamKind':
      return (eb) => {
        let teams = eb.selectFrom('teams').select('id').where('kind', '=', rule.kind);
        if (rule.locationId) teams = teams.where('location_id', '=', rule.locationId);
        return eb('people.id', 'in', eb.selectFrom('team_members').select('person_id').where('team_id', 'in', teams));
      };
    case 'radius': {
      const places = await where.locations();
      const near = (p: { latitude: number | null; longitude: number | null } | null | undefined) =>
        !!p && p.latitude !== null && p.longitude !== null && distanceKm(rule.latitude, rule.longitude, p.latitude, p.longitude) <= rule.km;
      // People live at duty stations; premises within the radius bring in their duty station.
      const stations = [...new Set([...places.values()].filter(near).map((l) => l.parentId ?? l.id))];
      const stationSet = new Set(stations);
      return where.matching((r) => near(positionOf(r.whereabouts, (id) => places.get(id))), inIds(db, 'people.home_location_id', stations), (h) => !!h && stationSet.has(h));
    }
    case 'person':
      return (eb) => eb('people.id', '=', rule.id);
  }
}

/**
 * Where each person of an audience is on its day (`onDate`, by default today): the duty station of
 * their trip leg or self-report, else home. Maps and boards show people where they are.
 */
export async function placeOnDay(db: Db, a: Pick<Audience, 'onDate'>): Promise<(personId: string, homeId: string | null) => string | null> {
  const away = new Map((await displacedOn(db, a.onDate ?? today())).map((r) => [r.personId, r.whereabouts.locationId]));
  return (personId, homeId) => (away.has(personId) ? away.get(personId)! : homeId);
}

/**
 * The people a message reaches: active people matching any include rule and no exclude rule,
 * within the sender's scope, plus (optionally) the dependants of those staff. Place rules
 * (duty station, country, radius) follow people's whereabouts on the audience's `onDate` —
 * by default the day it is resolved, i.e. the day of sending — so travellers count where they are.
 * A sender scoped to duty stations also reaches the visitors present there.
 */
export async function audienceQuery(db: Db, a: Audience, scope: ScopeFilter) {
  const where = new Whereabouts(db, a.onDate ?? today());
  const includes = await Promise.all(a.include.map((r) => ruleCondition(db, r, where)));
  const excludes = await Promise.all(a.exclude.map((r) => ruleCondition(db, r, where)));
  let visitors: Condition = (eb) => eb.lit(false);
  if (!scope.all && scope.locationIds.length) {
    const scoped = new Set(scope.locationIds);
    visitors = inIds(db, 'people.id', (await where.people()).filter((r) => r.whereabouts.locationId && scoped.has(r.whereabouts.locationId)).map((r) => r.personId));
  }
  const inScope: Condition = (eb) => {
    if (scope.all) return eb.lit(true);
    return eb.or([
      ...(scope.entityIds.length ? [eb('people.entity_id', 'in', scope.entityIds)] : []),
      ...(scope.locationIds.length ? [eb('people.home_location_id', 'in', scope.locationIds), visitors(eb)] : []),
      eb.lit(false),
    ]);
  };
  const matched: Condition = (eb) => eb.and([
    eb.or(includes.map((c) => c(eb))),
    ...(excludes.length ? [eb.not(eb.or(excludes.map((c) => c(eb))))] : []),
    inScope(eb),
    eb('people.status', '=', 'active'),
  ]);
  let qb = db.selectFrom('people').select(['people.id', 'people.language', 'people.entity_id', 'people.home_location_id']);
  if (a.includeDependants) {
    qb = qb.where((eb) => eb.or([
      matched(eb),
      eb.and([
        eb('people.kind', '=', 'dependant'), eb('people.status', '=', 'active'),
        eb('people.sponsor_id', 'in', eb.selectFrom('people').select('people.id').where((inner) => matched(inner as unknown as PeopleEb))),
      ]),
    ]));
  } else {
    qb = qb.where((eb) => eb.and([matched(eb), eb('people.kind', '!=', 'dependant')]));
  }
  return qb;
}
