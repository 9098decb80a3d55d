/** Shapes of the API answers (see the schema.ts file of each module under src/modules). */
export interface Grant { role: string; scopeType: 'org' | 'entity' | 'location'; scopeId: string | null; scopeName: string | null }
export interface User {
  id: string; email: string; displayName: string; personId: string | null; language: string;
  disabled: boolean; lockedUntil: string | null; grants: Grant[]; createdAt: string;
}
export interface Me { user: User; csrfToken: string | null }

export interface Entity { id: string; code: string; name: string; kind: string; parentId: string | null; createdAt: string; updatedAt: string }
export interface Country { code: string; alpha3: string; names: Record<'en' | 'fr' | 'es' | 'ru' | 'zh' | 'ar', string> }
export interface Location {
  id: string; externalId: string | null; kind: 'duty_station' | 'premises'; name: string; parentId: string | null;
  countryCode: string; city: string | null; address: string | null; latitude: number | null; longitude: number | null;
  timeZone: string; createdAt: string; updatedAt: string;
}
/** A duty station as GET /locations/duty-stations gives it. */
export type StationPoint = Pick<Location, 'id' | 'name' | 'countryCode' | 'city' | 'latitude' | 'longitude' | 'timeZone'>;
export interface Contact { kind: string; value: string; label: string | null }
export interface Person {
  id: string; externalId: string | null; kind: string; givenName: string; familyName: string;
  entityId: string | null; homeLocationId: string | null; sponsorId: string | null; jobTitle: string | null;
  language: string; status: string; contacts?: Contact[]; createdAt: string; updatedAt: string;
}
export interface Member { personId: string; givenName: string; familyName: string; role: string }
export interface Team {
  id: string; name: string; kind: string; entityId: string | null; locationId: string | null; termsOfReference: string;
  memberCount?: number; members?: Member[]; createdAt: string; updatedAt: string;
}
export interface AuditEvent {
  id: string; at: string; actorId: string | null; actorEmail: string | null; action: string; subjectType: string;
  subjectId: string; entityId: string | null; locationId: string | null; before: unknown; after: unknown;
}
export interface ImportResult { total: number; created: number; updated: number; unchanged: number; dryRun: boolean }
