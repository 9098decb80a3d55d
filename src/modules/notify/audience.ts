import type { ExpressionBuilder, Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/types.js';
import type { ScopeFilter } from '../../domain/access.js';
import { entitySubtree, locationSubtree } from '../auth/principal.js';
import type { Audience, AudienceRule } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;
type PeopleEb = ExpressionBuilder<Database, 'people'>;

/** Great-circle distance in km (haversine). */
function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(a));
}

/** Turns a rule into a condition on `people`; lookups that need the database happen first. */
async function ruleCondition(db: Db, rule: AudienceRule): Promise<(eb: PeopleEb) => ReturnType<PeopleEb['or']>> {
  switch (rule.type) {
    case 'everyone':
      return (eb) => eb.or([eb.lit(true)]);
    case 'location': {
      const ids = await locationSubtree(db, rule.id);
      return (eb) => eb.or([eb('people.home_location_id', 'in', ids.length ? ids : [''])]);
    }
    case 'country':
      return (eb) => eb.or([eb('people.home_location_id', 'in', eb.selectFrom('locations').select('id').where('country_code', '=', rule.code))]);
    case 'entity': {
      const ids = await entitySubtree(db, rule.id);
      return (eb) => eb.or([eb('people.entity_id', 'in', ids.length ? ids : [''])]);
    }
    case 'team':
      return (eb) => eb.or([eb('people.id', 'in', eb.selectFrom('team_members').select('person_id').where('team_id', '=', rule.id))]);
    case 'teamKind':
      return (eb) => {
        let teams = eb.selectFrom('teams').select('id').where('kind', '=', rule.kind);
        if (rule.locationId) teams = teams.where('location_id', '=', rule.locationId);
        return eb.or([eb('people.id', 'in', eb.selectFrom('team_members').select('person_id').where('team_id', 'in', teams))]);
      };
    case 'radius': {
      const stations = await db.selectFrom('locations').select(['id', 'parent_id', 'latitude', 'longitude'])
        .where('latitude', 'is not', null).where('longitude', 'is not', null).execute();
      // People live at duty stations; premises within the radius bring in their duty station.
      const ids = [...new Set(stations.filter((l) => distanceKm(rule.latitude, rule.longitude, l.latitude!, l.longitude!) <= rule.km).map((l) => l.parent_id ?? l.id))];
      return (eb) => eb.or([eb('people.home_location_id', 'in', ids.length ? ids : [''])]);
    }
    case 'person':
      return (eb) => eb.or([eb('people.id', '=', rule.id)]);
  }
}

/**
 * The people a message reaches: active people matching any include rule and no exclude rule,
 * within the sender's scope, plus (optionally) the dependants of those staff.
 */
export async function audienceQuery(db: Db, a: Audience, scope: ScopeFilter) {
  const includes = await Promise.all(a.include.map((r) => ruleCondition(db, r)));
  const excludes = await Promise.all(a.exclude.map((r) => ruleCondition(db, r)));
  const inScope = (eb: PeopleEb) => {
    if (scope.all) return eb.lit(true);
    return eb.or([
      ...(scope.entityIds.length ? [eb('people.entity_id', 'in', scope.entityIds)] : []),
      ...(scope.locationIds.length ? [eb('people.home_location_id', 'in', scope.locationIds)] : []),
      eb.lit(false),
    ]);
  };
  const matched = (eb: PeopleEb) => eb.and([
    eb.or(includes.map((c) => c(eb))),
    ...(excludes.length ? [eb.not(eb.or(excludes.map((c) => c(eb))))] : []),
    inScope(eb),
    eb('people.status', '=', 'active'),
  ]);
  let qb = db.selectFrom('people').select(['people.id', 'people.given_name', 'people.family_name', 'people.language', 'people.entity_id', 'people.home_location_id']);
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
