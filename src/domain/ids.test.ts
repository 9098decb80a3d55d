import { describe, expect, it } from 'vitest';
import { validate, version } from 'uuid';
import { isUuid, newId } from './ids.js';

describe('newId', () => {
  it('makes valid, distinct UUIDv7 that sort in the order they were made', () => {
    const before = Date.now();
    const ids = Array.from({ length: 20_000 }, () => newId());
    const after = Date.now();
    for (const id of ids.slice(0, 500)) {
      expect(isUuid(id) && validate(id)).toBe(true);
      expect(version(id)).toBe(7);
      expect('89ab').toContain(id[19]); // the RFC 9562 variant
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    // The first 48 bits are the time in milliseconds.
    const ms = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(ms(ids[0]!)).toBeGreaterThanOrEqual(before);
    expect(ms(ids.at(-1)!)).toBeLessThanOrEqual(after + 1);
  });
});
