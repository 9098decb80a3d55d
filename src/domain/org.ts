/** Vocabularies of the organization model, shared by server validation and the web forms. */
export const ENTITY_KINDS = ['secretariat', 'department', 'office', 'regional_commission', 'mission', 'fund_programme', 'specialized_agency', 'other'] as const;
export const LOCATION_KINDS = ['duty_station', 'premises'] as const;
export const PERSON_KINDS = ['staff', 'non_staff', 'dependant'] as const;
export const PERSON_STATUSES = ['active', 'inactive', 'separated'] as const;
export const CONTACT_KINDS = ['email', 'mobile', 'satellite', 'landline'] as const;
export const TEAM_KINDS = ['crisis_management_team', 'security_management_team', 'bc_team', 'emergency_response_team', 'wardens', 'other'] as const;
/** The six official UN languages, the UI's languages. */
export const UN_LANGUAGES = ['en', 'fr', 'es', 'ru', 'zh', 'ar'] as const;
export type UnLanguage = (typeof UN_LANGUAGES)[number];

export type ContactKind = (typeof CONTACT_KINDS)[number];

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** E.164: a plus sign and 7 to 15 digits; spaces, dots and dashes are tolerated on input. */
const PHONE = /^\+[1-9]\d{6,14}$/;

export const normalizePhone = (v: string): string => v.replace(/[\s.\-()]/g, '');

/** Checks a contact point's value for its kind; returns a message when invalid. */
export function contactProblem(kind: ContactKind, value: string): string | undefined {
  if (kind === 'email') return EMAIL.test(value) ? undefined : 'Not a valid email address';
  return PHONE.test(normalizePhone(value)) ? undefined : 'Phone numbers need international form, e.g. +41 22 917 1234';
}

const zones = new Set<string>([...Intl.supportedValuesOf('timeZone'), 'UTC']);
/** Area/Location form of IANA names; rules out abbreviations (EAT) and offsets (+03:00). */
const IANA_NAME = /^[A-Z][A-Za-z_]*(\/[A-Z][A-Za-z0-9_+\-]*)+$/;
/**
 * The list above holds ICU's canonical names only, which can be an older alias
 * (Europe/Kiev, Asia/Calcutta): current names such as Europe/Kyiv and Asia/Kolkata are accepted
 * when the runtime knows them.
 */
const knownToRuntime = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};
export const isTimeZone = (tz: string): boolean => zones.has(tz) || (IANA_NAME.test(tz) && knownToRuntime(tz));

/** The calendar date (YYYY-MM-DD) in a time zone at a moment: at 23:30 UTC it is already tomorrow in Nairobi. */
export const dateIn = (timeZone: string, at = new Date()): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
