import { describe, expect, it } from "vitest";
import { RateLimiter } from "@/lib/api/rate-limit";

describe("client rate limit", () => {
  it("allows a burst of the per-minute limit, then refuses with the wait until the next request", () => {
    const limiter = new RateLimiter();
    const t0 = 1_000_000;
    for (let i = 0; i < 3; i += 1) expect(limiter.take("client-1", 3, t0)).toEqual({ ok: true });
    expect(limiter.take("client-1", 3, t0)).toEqual({ ok: false, retryAfterSeconds: 20 });
  });

  it("refills evenly over the minute", () => {
    const limiter = new RateLimiter();
    const t0 = 0;
    for (let i = 0; i < 60; i += 1) limiter.take("c", 60, t0);
    expect(limiter.take("c", 60, t0 + 500).ok).toBe(false);
    expect(limiter.take("c", 60, t0 + 1_000).ok).toBe(true);
    expect(limiter.take("c", 60, t0 + 1_000).ok).toBe(false);
  });

  it("keeps clients apart and never stores more than the limit", () => {
    const limiter = new RateLimiter();
    limiter.take("a", 1, 0);
    expect(limiter.take("a", 1, 0).ok).toBe(false);
    expect(limiter.take("b", 1, 0).ok).toBe(true);
    // A long pause refills to the limit, not beyond it.
    expect(limiter.take("b", 1, 10 * 60_000).ok).toBe(true);
    expect(limiter.take("b", 1, 10 * 60_000).ok).toBe(false);
  });
});
