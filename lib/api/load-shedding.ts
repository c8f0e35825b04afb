// Load shedding for the verdict lookups. A lookup is cheap, but one process answers them on one
// thread: offered more than it can answer, requests queue in the sockets and every answer comes later
// and later (seconds, with nobody told). Instead, when the event loop has fallen behind, lookups are
// refused at once with 503 and Retry-After, which costs a fraction of an answer, so the process keeps
// up and the requests it does answer stay fast. A client treats the 503 like a network error (its
// cached answer or its local list decides) and retries after the stated wait.
//
// "Fallen behind" is measured the way toobusy-js and fastify's under-pressure do: a timer that should
// fire every TICK_MS records how late it fires. One late tick is a pause (a garbage collection, a
// page rendered by Next in this process) that the queue recovers from by itself; falling behind is the
// last tick late and either the one before it or the current one (still not fired) late as well. Once
// behind, every lookup is refused until a tick comes nearly on time again: refusing only some would
// leave the queue as long as it was, and the answers as late.

export const TICK_MS = 10;
/** Start shedding when the loop runs this late: what a request now waits already misses every latency target. */
export const MAX_LAG_MS = 30;
/** Stop shedding once a tick is no later than this: the queue has drained. */
export const CAUGHT_UP_LAG_MS = 5;
export const RETRY_AFTER_SECONDS = 1;

type Monitor = { lagMs: number; previousLagMs: number; expected: number; shedding: boolean; shed: number };
const shared = globalThis as unknown as { __linkdeskLoad?: Monitor };

function monitor(): Monitor {
  let m = shared.__linkdeskLoad;
  if (!m) {
    const state: Monitor = { lagMs: 0, previousLagMs: 0, expected: performance.now() + TICK_MS, shedding: false, shed: 0 };
    m = shared.__linkdeskLoad = state;
    setInterval(() => {
      const now = performance.now();
      state.previousLagMs = state.lagMs;
      state.lagMs = Math.max(0, now - state.expected);
      state.expected = now + TICK_MS;
      if (state.lagMs <= CAUGHT_UP_LAG_MS) state.shedding = false;
    }, TICK_MS).unref();
  }
  return m;
}

/** Whether to refuse this lookup now; counts the refusals. */
export function shouldShed(): boolean {
  const m = monitor();
  if (!m.shedding) {
    if (m.lagMs <= MAX_LAG_MS) return false;
    if (m.previousLagMs <= MAX_LAG_MS && performance.now() - m.expected <= MAX_LAG_MS) return false;
    m.shedding = true;
  }
  m.shed += 1;
  return true;
}

/** Lookups refused so far, whether it is refusing now, and the loop's last lag (for /api/v1/health). */
export function loadState(): { lagMs: number; shedding: boolean; shed: number } {
  const m = monitor();
  return { lagMs: Math.round(m.lagMs * 10) / 10, shedding: m.shedding, shed: m.shed };
}

const SHED_BODY = JSON.stringify({ error: { code: "overloaded", message: "Too many lookups right now; retry after the stated wait" } });
const SHED_HEADERS = {
  "content-type": "application/json; charset=utf-8",
  "content-length": String(Buffer.byteLength(SHED_BODY)),
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
  "retry-after": String(RETRY_AFTER_SECONDS),
};

/**
 * Refuses the request with 503 when it is a lookup (a path in `paths`) and the process has fallen
 * behind; true when it did. Called before anything else is done for the request: a refusal must cost
 * as little as possible, or refusing cannot keep up with what is offered either.
 */
export function shedLookup(url: string | undefined, paths: readonly string[], res: import("node:http").ServerResponse, requestId: () => string): boolean {
  if (url === undefined || !paths.some((path) => url.startsWith(path) && (url.length === path.length || url.charCodeAt(path.length) === 0x3f))) return false;
  if (!shouldShed()) return false;
  res.writeHead(503, { ...SHED_HEADERS, "x-request-id": requestId() });
  res.end(SHED_BODY);
  return true;
}
