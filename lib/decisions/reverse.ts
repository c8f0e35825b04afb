// A senior moderator reverses a decision after the fact, with a reason: the same restoring event as
// an undo, open to any standing decision at any time, and recorded as a reversal (a reversed
// violation no longer counts as an offence or against the platform).
import { ActionError } from "@/lib/auth/action-result";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";
import { type SetAsideResult, setAsideDecision } from "./set-aside";

export const MIN_REVERSAL_REASON_LENGTH = 10;

export function reverseDecision(
  db: Db,
  actor: Actor,
  input: { decisionId: number; reason: string },
  options: { now?: Date; requestId?: string | null } = {},
): SetAsideResult {
  if (!can(actor.role, "cases.decideSenior")) throw new ActionError("forbidden", "errors.forbidden");
  const reason = input.reason.trim();
  if ([...reason].length < MIN_REVERSAL_REASON_LENGTH) {
    throw new ActionError("invalid", "errors.invalid", { reason: ["decisions.errors.reasonTooShort"] });
  }
  return setAsideDecision(db, actor, { decisionId: input.decisionId, kind: "reversal", reason }, () => {}, options);
}
