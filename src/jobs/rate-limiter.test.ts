import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter.js';

describe('the per-channel rate limiter', () => {
  it('lets a burst of the rate through at once, then spaces sends at the rate', async () => {
    const limiter = new RateLimiter(20);
    const t0 = performance.now();
    for (let i = 0; i < 20; i++) await limiter.take();
    expect(performance.now() - t0).toBeLessThan(50);
    for (let i = 0; i < 10; i++) await limiter.take();
    const elapsed = performance.now() - t0;
    expect(elapsed).toBeGreaterThan(450); // 10 more at 20/s: about half a second
    expect(elapsed).toBeLessThan(1000);
  });
});
