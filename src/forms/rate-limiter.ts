/**
 * An in-memory sliding-window limit: at most `limit` hits per key within any `windowMs`. Public
 * forms use it per form and visitor address, so that a script cannot flood the contact table.
 * It lives in one process: several server processes each keep their own count (the limit is then
 * per process), and a restart forgets every count — acceptable for abuse protection.
 */
export interface RateDecision {
  allowed: boolean;
  /** Seconds until the oldest counted hit leaves the window (0 when allowed). */
  retryAfterSeconds: number;
}

/** Keys kept before stale ones are swept, so that many one-off visitors cannot grow memory. */
const sweepThreshold = 10_000;

export class SlidingWindowRateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(private readonly options: { limit: number; windowMs: number }) {}

  /** Counts a hit at `now` when allowed; a refused hit is not counted. */
  take(key: string, now: number): RateDecision {
    if (this.hits.size >= sweepThreshold) this.sweep(now);
    const windowStart = now - this.options.windowMs;
    const recent = (this.hits.get(key) ?? []).filter((instant) => instant > windowStart);
    if (recent.length >= this.options.limit) {
      this.hits.set(key, recent);
      const oldest = recent[0]!;
      const retryAfterMs = oldest + this.options.windowMs - now;
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
    }
    recent.push(now);
    this.hits.set(key, recent);
    return { allowed: true, retryAfterSeconds: 0 };
  }

  /** Keys with a hit in the window; for tests and metrics. */
  get size(): number {
    return this.hits.size;
  }

  private sweep(now: number): void {
    const windowStart = now - this.options.windowMs;
    for (const [key, instants] of this.hits) {
      if (instants.every((instant) => instant <= windowStart)) this.hits.delete(key);
    }
  }
}
