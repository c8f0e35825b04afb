/**
 * A token bucket per key, in this process's memory (one process serves the API, DESIGN.md
 * "Architecture"): `perMinute` requests may come at once, then they refill evenly over the minute.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  take(key: string, perMinute: number, now = Date.now()): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const refillPerMs = perMinute / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: perMinute, at: now };
    const tokens = Math.min(perMinute, bucket.tokens + (now - bucket.at) * refillPerMs);
    if (tokens >= 1) {
      this.buckets.set(key, { tokens: tokens - 1, at: now });
      return { ok: true };
    }
    this.buckets.set(key, { tokens, at: now });
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / refillPerMs / 1000)) };
  }
}

const shared = globalThis as unknown as { __linkdeskLimiters?: Map<string, RateLimiter> };

/**
 * A limiter shared by the API layer and Next's bundle (two copies of this module in one process),
 * so a reporter's limit holds across the client API and the portal.
 */
export function sharedLimiter(name: "client" | "reporter" | "portal-ip"): RateLimiter {
  const limiters = (shared.__linkdeskLimiters ??= new Map());
  let limiter = limiters.get(name);
  if (!limiter) {
    limiter = new RateLimiter();
    limiters.set(name, limiter);
  }
  return limiter;
}
