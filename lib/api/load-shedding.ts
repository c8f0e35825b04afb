// Load shedding for the verdict lookups. A lookup is cheap, but one process answers them on one
// thread: offered more than it can answer, requests queue in the sockets and every answer comes later
// and later (seconds, with nobody told). Instead, when the event loop has fallen behind, lookups are
// refused at once with 503 and Retry-After, which costs a fraction of an answer, so the process keeps
// up and the requests it does answer stay fast. A client treats the 503 like a network error (its
// cached answer or its local list decides) and retries after the stated wait.
//
// "Fallen behind" is measured the way toobusy-js and fastify's under-pressure do: a timer that should
// fire every TICK_MS records how late it fires; while it has not fired yet, how late it is already.

export const TICK_MS = 10;
/** Shed while the loop runs this late: what a request now waits already misses every latency target. */
export const MAX_LAG_MS = 30;
export const RETRY_AFTER_SECONDS = 1;

type Monitor = { lagMs: number; expected: number; shed: number; timer: NodeJS.Timeout | null };
const shared = globalThis as unknown as { __linkdeskLoad?: Monitor };

function monitor(): Monitor {
  let m = shared.__linkdeskLoad;
  if (!m) {
    const state: Monitor = { lagMs: 0, expected: performance.now() + TICK_MS, shed: 0, timer: null };
    m = shared.__linkdeskLoad = state;
    state.timer = setInterval(() => {
      const now = performance.now();
      state.lagMs = Math.max(0, now - state.expected);
      state.expected = now + TICK_MS;
    }, TICK_MS);
    state.timer.unref();
  }
  return m;
}

/** Whether to refuse this request now; counts the refusals. */
export function shouldShed(): boolean {
  const m = monitor();
  const lateNow = performance.now() - m.expected;
  if (m.lagMs <= MAX_LAG_MS && lateNow <= MAX_LAG_MS) return false;
  m.shed += 1;
  return true;
}

/** Requests refused so far, and the loop's last lag (for /api/v1/health and the benchmark). */
export function loadState(): { lagMs: number; shed: number } {
  const m = monitor();
  return { lagMs: Math.round(m.lagMs * 10) / 10, shed: m.shed };
}
