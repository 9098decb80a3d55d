/**
 * The small demo organization: entities and duty stations named in the source documents
 * (A/70/660, JIU/REP/2021/6, A/67/526, A/64/477), with real coordinates.
 */
export interface DemoEntity { code: string; name: string; kind: string; parent?: string }
export const DEMO_ENTITIES: DemoEntity[] = [
  { code: 'UN', name: 'United Nations Secretariat', kind: 'secretariat' },
  { code: 'DSS', name: 'Department of Safety and Security', kind: 'department', parent: 'UN' },
  { code: 'DOS', name: 'Department of Operational Support', kind: 'department', parent: 'UN' },
  { code: 'DMSPC', name: 'Department of Management Strategy, Policy and Compliance', kind: 'department', parent: 'UN' },
  { code: 'OICT', name: 'Office of Information and Communications Technology', kind: 'office', parent: 'DMSPC' },
  { code: 'UNOG', name: 'United Nations Office at Geneva', kind: 'office', parent: 'UN' },
  { code: 'UNON', name: 'United Nations Office at Nairobi', kind: 'office', parent: 'UN' },
  { code: 'UNOV', name: 'United Nations Office at Vienna', kind: 'office', parent: 'UN' },
  { code: 'UNGSC', name: 'United Nations Global Service Centre', kind: 'office', parent: 'DOS' },
  { code: 'ECA', name: 'Economic Commission for Africa', kind: 'regional_commission', parent: 'UN' },
  { code: 'ECLAC', name: 'Economic Commission for Latin America and the Caribbean', kind: 'regional_commission', parent: 'UN' },
  { code: 'ESCAP', name: 'Economic and Social Commission for Asia and the Pacific', kind: 'regional_commission', parent: 'UN' },
  { code: 'ESCWA', name: 'Economic and Social Commission for Western Asia', kind: 'regional_commission', parent: 'UN' },
  { code: 'ECE', name: 'Economic Commission for Europe', kind: 'regional_commission', parent: 'UN' },
  { code: 'UNMISS', name: 'United Nations Mission in South Sudan', kind: 'mission', parent: 'UN' },
  { code: 'UNDP', name: 'United Nations Development Programme', kind: 'fund_programme' },
  { code: 'UNICEF', name: 'United Nations Children\'s Fund', kind: 'fund_programme' },
  { code: 'WFP', name: 'World Food Programme', kind: 'fund_programme' },
  { code: 'UNHCR', name: 'Office of the United Nations High Commissioner for Refugees', kind: 'fund_programme' },
  { code: 'UNFPA', name: 'United Nations Population Fund', kind: 'fund_programme' },
  { code: 'UNOPS', name: 'United Nations Office for Project Services', kind: 'fund_programme' },
  { code: 'UN-WOMEN', name: 'UN-Women', kind: 'fund_programme' },
  { code: 'FAO', name: 'Food and Agriculture Organization of the United Nations', kind: 'specialized_agency' },
  { code: 'IAEA', name: 'International Atomic Energy Agency', kind: 'specialized_agency' },
  { code: 'IFAD', name: 'International Fund for Agricultural Development', kind: 'specialized_agency' },
  { code: 'ILO', name: 'International Labour Organization', kind: 'specialized_agency' },
  { code: 'UNIDO', name: 'United Nations Industrial Development Organization', kind: 'specialized_agency' },
  { code: 'WHO', name: 'World Health Organization', kind: 'specialized_agency' },
];

export interface DemoStation {
  ext: string; name: string; country: string; city: string; lat: number; lon: number; tz: string;
  /** Entity codes with staff here. */
  entities: string[];
  premises: { ext: string; name: string; address: string; lat: number; lon: number }[];
}
export const DEMO_STATIONS: DemoStation[] = [
  { ext: 'DS-NYC', name: 'New York', country: 'US', city: 'New York', lat: 40.7489, lon: -73.968, tz: 'America/New_York',
    entities: ['UN', 'DSS', 'DOS', 'DMSPC', 'OICT', 'UNDP', 'UNICEF', 'UNFPA', 'UN-WOMEN'],
    premises: [{ ext: 'PR-NYC-SEC', name: 'United Nations Headquarters, Secretariat Building', address: '405 East 42nd Street, New York, NY 10017', lat: 40.7495, lon: -73.9681 },
      { ext: 'PR-NYC-DC1', name: 'DC1 Building', address: '1 United Nations Plaza, New York, NY 10017', lat: 40.7505, lon: -73.9704 }] },
  { ext: 'DS-GVA', name: 'Geneva', country: 'CH', city: 'Geneva', lat: 46.2267, lon: 6.1406, tz: 'Europe/Zurich',
    entities: ['UNOG', 'ECE', 'UNHCR', 'ILO', 'WHO', 'DSS'],
    premises: [{ ext: 'PR-GVA-PDN', name: 'Palais des Nations', address: 'Avenue de la Paix 8-14, 1211 Geneva', lat: 46.2268, lon: 6.1403 }] },
  { ext: 'DS-NBO', name: 'Nairobi', country: 'KE', city: 'Nairobi', lat: -1.2335, lon: 36.8125, tz: 'Africa/Nairobi',
    entities: ['UNON', 'UNDP', 'UNICEF', 'WFP', 'UNHCR', 'DSS'],
    premises: [{ ext: 'PR-NBO-GIG', name: 'United Nations Office at Nairobi, Gigiri complex', address: 'United Nations Avenue, Gigiri, Nairobi', lat: -1.2336, lon: 36.8123 }] },
  { ext: 'DS-VIE', name: 'Vienna', country: 'AT', city: 'Vienna', lat: 48.235, lon: 16.417, tz: 'Europe/Vienna',
    entities: ['UNOV', 'IAEA', 'UNIDO'],
    premises: [{ ext: 'PR-VIE-VIC', name: 'Vienna International Centre', address: 'Wagramer Strasse 5, 1220 Vienna', lat: 48.2346, lon: 16.4168 }] },
  { ext: 'DS-ADD', name: 'Addis Ababa', country: 'ET', city: 'Addis Ababa', lat: 9.0166, lon: 38.763, tz: 'Africa/Addis_Ababa',
    entities: ['ECA', 'UNDP', 'UNICEF', 'WFP'],
    premises: [{ ext: 'PR-ADD-UNCC', name: 'United Nations Conference Centre Addis Ababa', address: 'Menelik II Avenue, Addis Ababa', lat: 9.0168, lon: 38.7636 }] },
  { ext: 'DS-SCL', name: 'Santiago', country: 'CL', city: 'Santiago', lat: -33.3977, lon: -70.5833, tz: 'America/Santiago',
    entities: ['ECLAC', 'UNDP'],
    premises: [{ ext: 'PR-SCL-ECLAC', name: 'ECLAC headquarters', address: 'Av. Dag Hammarskjöld 3477, Vitacura, Santiago', lat: -33.3975, lon: -70.5836 }] },
  { ext: 'DS-BKK', name: 'Bangkok', country: 'TH', city: 'Bangkok', lat: 13.759, lon: 100.506, tz: 'Asia/Bangkok',
    entities: ['ESCAP', 'UNDP', 'UNICEF', 'FAO'],
    premises: [{ ext: 'PR-BKK-UNCC', name: 'United Nations Conference Centre Bangkok', address: 'Rajadamnern Nok Avenue, Bangkok 10200', lat: 13.7592, lon: 100.5062 }] },
  { ext: 'DS-BEY', name: 'Beirut', country: 'LB', city: 'Beirut', lat: 33.899, lon: 35.503, tz: 'Asia/Beirut',
    entities: ['ESCWA', 'UNDP', 'UNICEF'],
    premises: [{ ext: 'PR-BEY-UNH', name: 'UN House Beirut', address: 'Riad El Solh Square, Beirut', lat: 33.8985, lon: 35.5034 }] },
  { ext: 'DS-ROM', name: 'Rome', country: 'IT', city: 'Rome', lat: 41.8833, lon: 12.4894, tz: 'Europe/Rome',
    entities: ['FAO', 'WFP', 'IFAD'],
    premises: [{ ext: 'PR-ROM-FAO', name: 'FAO headquarters', address: 'Viale delle Terme di Caracalla, 00153 Rome', lat: 41.8838, lon: 12.4893 },
      { ext: 'PR-ROM-WFP', name: 'WFP headquarters', address: 'Via Cesare Giulio Viola 68, 00148 Rome', lat: 41.8228, lon: 12.4095 }] },
  { ext: 'DS-BDS', name: 'Brindisi', country: 'IT', city: 'Brindisi', lat: 40.6532, lon: 17.9441, tz: 'Europe/Rome',
    entities: ['UNGSC', 'OICT', 'WFP'],
    premises: [{ ext: 'PR-BDS-GSC', name: 'UN Global Service Centre (enterprise data centre)', address: 'Piazza del Vento 1, 72100 Brindisi', lat: 40.6502, lon: 17.9535 }] },
  { ext: 'DS-VLC', name: 'Valencia', country: 'ES', city: 'Valencia', lat: 39.4699, lon: -0.3763, tz: 'Europe/Madrid',
    entities: ['UNGSC', 'OICT'],
    premises: [{ ext: 'PR-VLC-UNICTF', name: 'UN Information and Communications Technology Facility (secondary data centre)', address: 'Quart de Poblet, Valencia', lat: 39.4878, lon: -0.4453 }] },
  { ext: 'DS-JUB', name: 'Juba', country: 'SS', city: 'Juba', lat: 4.8594, lon: 31.5713, tz: 'Africa/Juba',
    entities: ['UNMISS', 'UNDP', 'UNICEF', 'WFP', 'UNHCR'],
    premises: [{ ext: 'PR-JUB-TB', name: 'UN House Juba (Tomping base)', address: 'Jebel Kujur, Juba', lat: 4.8453, lon: 31.5486 }] },
  { ext: 'DS-CPH', name: 'Copenhagen', country: 'DK', city: 'Copenhagen', lat: 55.7023, lon: 12.6023, tz: 'Europe/Copenhagen',
    entities: ['UNOPS', 'UNFPA', 'UNICEF', 'WHO'],
    premises: [{ ext: 'PR-CPH-UNC', name: 'UN City', address: 'Marmorvej 51, 2100 Copenhagen', lat: 55.7025, lon: 12.6024 }] },
];

/** Names drawn on to make demo people; a mix from the regions where the UN works. */
export const GIVEN_NAMES = ['Amina', 'Wei', 'Olga', 'Carlos', 'Fatima', 'John', 'Aisha', 'Pierre', 'Mei', 'Ahmed', 'Sofia', 'Kwame', 'Elena',
  'Rahul', 'Nadia', 'Tomás', 'Yuki', 'Grace', 'Omar', 'Ingrid', 'Li', 'Samuel', 'Leila', 'Dmitri', 'Ana', 'Joseph', 'Hana', 'Diego', 'Zainab', 'Marc'];
export const FAMILY_NAMES = ['Okafor', 'Zhang', 'Ivanova', 'García', 'Haddad', 'Smith', 'Mohammed', 'Dubois', 'Chen', 'Hassan', 'Rossi',
  'Mensah', 'Petrova', 'Sharma', 'Khalil', 'Fernández', 'Tanaka', 'Wanjiru', 'Farouk', 'Larsen', 'Wang', 'Kamau', 'Nasser', 'Popov',
  'Silva', 'Mwangi', 'Kim', 'López', 'Abdi', 'Martin'];
export const JOB_TITLES = ['Programme Officer', 'Administrative Assistant', 'Security Officer', 'ICT Officer', 'Finance Officer',
  'Human Resources Officer', 'Medical Officer', 'Logistics Assistant', 'Driver', 'Business Continuity Officer', 'Political Affairs Officer', 'Economist'];
export const LANGUAGES_BY_COUNTRY: Record<string, string> = { CH: 'fr', KE: 'en', AT: 'en', ET: 'en', CL: 'es', TH: 'en', LB: 'ar', IT: 'en', ES: 'es', SS: 'en', DK: 'en', US: 'en' };
