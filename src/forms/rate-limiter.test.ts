import { describe, expect, it } from 'vitest';
import { SlidingWindowRateLimiter } from './rate-limiter.js';

describe('SlidingWindowRateLimiter', () => {
  it('allows the limit within a window, refuses the next, and frees up as hits age out', () => {
    const limiter = new SlidingWindowRateLimiter({ limit: 3, windowMs: 60_000 });
    expect([0, 10_000, 20_000].map((at) => limiter.take('a', at).allowed)).toEqual([
      true,
      true,
      true,
    ]);
    expect(limiter.take('a', 30_000)).toEqual({ allowed: false, retryAfterSeconds: 30 });
    // Another key has its own count.
    expect(limiter.take('b', 30_000).allowed).toBe(true);
    // The first hit leaves the window after 60 s; refused hits were not counted.
    expect(limiter.take('a', 59_999).allowed).toBe(false);
    expect(limiter.take('a', 60_001).allowed).toBe(true);
    expect(limiter.take('a', 60_002).allowed).toBe(false);
  });
});
