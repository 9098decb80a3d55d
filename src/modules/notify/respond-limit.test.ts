import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotCounts, startTestServer, type TestServer } from '../../../test/helpers.js';

/** Answers by link are limited per client address (ORMS_RESPONSE_RATE_LIMIT a minute); the limit's headers go only with a refusal. */
let s: TestServer;
beforeAll(async () => {
  process.env.ORMS_RESPONSE_RATE_LIMIT = '3';
  try {
    s = await startTestServer();
  } finally {
    delete process.env.ORMS_RESPONSE_RATE_LIMIT;
  }
});
afterAll(async () => s.close());

describe('answers by link from one address', () => {
  it('are refused with 429 past the limit, and write nothing', async () => {
    const before = await snapshotCounts(s.database);
    const post = () => s.app.inject({ method: 'POST', url: '/api/v1/respond/eyJyIjoiMSIsImUiOjF9.not-the-signature', payload: { answer: 'I am safe' } });
    for (let i = 0; i < 3; i++) {
      const res = await post();
      expect(res.statusCode).toBe(400); // the forged link is judged: the limit is not reached yet
      expect(res.json().error.code).toBe('token_forged');
      expect(Object.keys(res.headers).filter((h) => h.startsWith('x-ratelimit'))).toEqual([]);
    }
    const refused = await post();
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('rate_limited');
    expect(refused.headers['retry-after']).toBeDefined();
    expect(await snapshotCounts(s.database)).toEqual(before);
  });
});
