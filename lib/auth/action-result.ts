export type FailureCode = "unauthenticated" | "forbidden" | "invalid" | "conflict" | "not_found" | "rate_limited" | "error";

/** What every action answers. Messages and field errors are message-catalog keys. */
export type ActionResult<T = unknown> =
  | { ok: true; data: T; message?: string }
  | { ok: false; code: FailureCode; message: string; fieldErrors?: Record<string, string[]> };

/** Thrown by domain functions for an expected refusal; the wrapper turns it into a result. */
export class ActionError extends Error {
  constructor(
    readonly code: Exclude<FailureCode, "error">,
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
  }
}
