import { create } from 'xmlbuilder2';
import { fill, type Content } from '../../domain/notify/template.js';
import type { SEVERITIES } from './schema.js';

/**
 * Common Alerting Protocol 1.2 (OASIS, 2010): one <alert> per message, one <info> per language
 * of the message, and an <area> per place of its audience. Pure: the caller looks the places up.
 */
export const CAP_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2';
export const CAP_MEDIA_TYPE = 'application/cap+xml';

type Severity = (typeof SEVERITIES)[number];
/** How a message's severity reads in CAP's three scales. */
export const CAP_SCALES: Record<Severity, { urgency: string; severity: string; certainty: string }> = {
  emergency: { urgency: 'Immediate', severity: 'Extreme', certainty: 'Observed' },
  warning: { urgency: 'Expected', severity: 'Severe', certainty: 'Likely' },
  advisory: { urgency: 'Future', severity: 'Moderate', certainty: 'Possible' },
  info: { urgency: 'Unknown', severity: 'Minor', certainty: 'Unknown' },
};

/** A place of the audience: a duty station (a point), a circle around a point, or a country. */
export type CapArea =
  | { kind: 'station'; name: string; code: string; countryCode: string; latitude: number | null; longitude: number | null }
  | { kind: 'circle'; latitude: number; longitude: number; km: number }
  | { kind: 'country'; name: string; code: string; stations: { latitude: number; longitude: number }[] };

export interface CapMessage {
  id: string; title: string; severity: string; content: Content; variables: Record<string, string>;
  responseOptions: string[] | null; status: string; sentAt: string | null; updatedAt: string;
}

export interface CapOptions {
  /** Host name of this ORMS, for the sender address. */
  senderHost: string;
  senderName: string;
  public: boolean;
  /** Where the alert can be read (public alerts only). */
  web?: string | undefined;
  areas: CapArea[];
  /** Who the message is for, in words. */
  audience?: string | undefined;
}

/** CAP times have a numeric offset and whole seconds: 2026-03-01T10:15:00+00:00. */
export const capTime = (iso: string): string => `${new Date(iso).toISOString().slice(0, 19)}+00:00`;

// XML 1.0 cannot carry C0 control characters other than tab, newline and return, lone surrogates, U+FFFE or U+FFFF.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;

/** Fields whose text cannot go into XML: such a message cannot be exported until they are fixed. */
export function unexportable(m: Pick<CapMessage, 'title' | 'content' | 'variables' | 'responseOptions'>): Record<string, string> {
  const out: Record<string, string> = {};
  const bad = 'Contains a control character that an XML alert cannot carry';
  if (NOT_XML.test(m.title)) out.title = bad;
  for (const [lang, t] of Object.entries(m.content)) {
    if (NOT_XML.test(fill(t.subject, m.variables))) out[`content.${lang}.subject`] = bad;
    if (NOT_XML.test(fill(t.body, m.variables))) out[`content.${lang}.body`] = bad;
  }
  (m.responseOptions ?? []).forEach((o, i) => { if (NOT_XML.test(o)) out[`responseOptions.${i}`] = bad; });
  return out;
}

const round = (n: number) => Math.round(n * 1e5) / 1e5;
const point = (lat: number, lon: number, km = 0) => `${round(lat)},${round(lon)} ${round(km)}`;

/** The CAP 1.2 XML of a message. Callers check `unexportable` first. */
export function capAlert(m: CapMessage, o: CapOptions): string {
  const scales = CAP_SCALES[m.severity as Severity] ?? CAP_SCALES.advisory;
  const sent = m.status === 'sent' && m.sentAt;
  const alert = create({ version: '1.0', encoding: 'UTF-8' }).ele(CAP_NAMESPACE, 'alert');
  alert.ele('identifier').txt(`urn:uuid:${m.id}`);
  alert.ele('sender').txt(`orms@${o.senderHost}`);
  alert.ele('sent').txt(capTime(sent ? m.sentAt! : m.updatedAt));
  // An unsent message is exported as what it is: a draft, not actionable.
  alert.ele('status').txt(sent ? 'Actual' : 'Draft');
  alert.ele('msgType').txt('Alert');
  alert.ele('source').txt(o.senderName);
  alert.ele('scope').txt(o.public ? 'Public' : 'Restricted');
  if (!o.public) alert.ele('restriction').txt('For the personnel of the organization named in the audience and their families');
  for (const [language, t] of Object.entries(m.content)) {
    const info = alert.ele('info');
    info.ele('language').txt(language);
    info.ele('category').txt('Safety');
    info.ele('event').txt(m.title);
    info.ele('urgency').txt(scales.urgency);
    info.ele('severity').txt(scales.severity);
    info.ele('certainty').txt(scales.certainty);
    if (o.audience) info.ele('audience').txt(o.audience);
    info.ele('senderName').txt(o.senderName);
    info.ele('headline').txt(fill(t.subject, m.variables));
    info.ele('description').txt(fill(t.body, m.variables));
    if (m.responseOptions?.length) info.ele('instruction').txt(`Answer: ${m.responseOptions.map((a, i) => `${i + 1} = ${a}`).join(', ')}`);
    if (o.web) info.ele('web').txt(o.web);
    for (const a of o.areas) {
      const area = info.ele('area');
      if (a.kind === 'circle') {
        area.ele('areaDesc').txt(`Within ${round(a.km)} km of ${round(a.latitude)}, ${round(a.longitude)}`);
        area.ele('circle').txt(point(a.latitude, a.longitude, a.km));
      } else if (a.kind === 'station') {
        area.ele('areaDesc').txt(`${a.name} (${a.countryCode})`);
        if (a.latitude !== null && a.longitude !== null) area.ele('circle').txt(point(a.latitude, a.longitude));
        area.ele('geocode').ele('valueName').txt('ORMS duty station').up().ele('value').txt(a.code);
      } else {
        area.ele('areaDesc').txt(a.name);
        for (const s of a.stations) area.ele('circle').txt(point(s.latitude, s.longitude));
        area.ele('geocode').ele('valueName').txt('ISO 3166-1 alpha-2').up().ele('value').txt(a.code);
      }
    }
  }
  return alert.end({ prettyPrint: true, wellFormed: true });
}
