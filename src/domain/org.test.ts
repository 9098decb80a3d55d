import { describe, expect, it } from 'vitest';
import { contactProblem, dateIn, isTimeZone, normalizePhone } from './org.js';

describe('dateIn', () => {
  it('gives the calendar date where the zone is, which may not be UTC\'s', () => {
    const lateEvening = new Date('2026-12-01T23:30:00Z');
    expect(dateIn('UTC', lateEvening)).toBe('2026-12-01');
    expect(dateIn('Africa/Nairobi', lateEvening)).toBe('2026-12-02');
    expect(dateIn('America/New_York', new Date('2026-12-02T03:00:00Z'))).toBe('2026-12-01');
  });
});

describe('isTimeZone', () => {
  it('accepts IANA zone names, including current names that older ICU data lists under an alias', () => {
    // Kyiv, New Delhi, Yangon and Asmara are duty stations; their current IANA names must be accepted.
    for (const tz of ['Africa/Nairobi', 'Europe/Zurich', 'America/New_York', 'America/Argentina/Buenos_Aires', 'UTC',
      'Europe/Kyiv', 'Europe/Kiev', 'Asia/Kolkata', 'Asia/Yangon', 'Africa/Asmara', 'America/Port-au-Prince', 'Etc/GMT+3']) {
      expect(isTimeZone(tz), tz).toBe(true);
    }
  });

  it('refuses what is not a zone name', () => {
    for (const tz of ['', 'Africa/Atlantis', 'Mars/Olympus_Mons', 'EAT', 'GMT+3', '+03:00', 'Nairobi', 'africa/nairobi ', 'Africa/Nairobi/']) {
      expect(isTimeZone(tz), tz).toBe(false);
    }
  });
});

describe('contact points', () => {
  it('emails need an @ and a domain', () => {
    expect(contactProblem('email', 'a.b@un.org')).toBeUndefined();
    for (const bad of ['a.b', 'a@b', '@un.org', 'a b@un.org']) expect(contactProblem('email', bad), bad).toMatch(/email/);
  });

  it('phones need international form; separators are tolerated', () => {
    expect(normalizePhone('+41 (22) 917-12.34')).toBe('+41229171234');
    for (const ok of ['+41 22 917 1234', '+254700000001', '+870 776 123 456']) {
      expect(contactProblem('mobile', ok), ok).toBeUndefined();
      expect(contactProblem('satellite', ok), ok).toBeUndefined();
    }
    for (const bad of ['0700 123 456', '+0 700 123 456', '+12345', '+1234567890123456', 'call me']) expect(contactProblem('mobile', bad), bad).toMatch(/international/);
  });
});
