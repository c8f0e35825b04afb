// The decider takes a decision back within minutes of making it (a slip of the key, a wrong
// category): a new event that restores the state before the decision; nothing is deleted.
import { ActionError } from "@/lib/auth/action-result";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";
import { type SetAsideResult, setAsideDecision } from "./set-aside";

export const UNDO_WINDOW_MS = 10 * 60_000;

/** Whether `deciderId`'s decision made at `createdAt` may still be undone by `actorId` at `now`. */
export function undoable(decision: { deciderId: number; createdAt: string; reversedAt: string | null }, actorId: number, now: Date) {
  return decision.reversedAt === null && decision.deciderId === actorId && now.getTime() - Date.parse(decision.createdAt) <= UNDO_WINDOW_MS;
}

export function undoDecision(
  db: Db,
  actor: Actor,
  input: { decisionId: number },
  options: { now?: Date; requestId?: string | null } = {},
): SetAsideResult {
  if (!can(actor.role, "cases.decide")) throw new ActionError("forbidden", "errors.forbidden");
  const now = options.now ?? new Date();
  return setAsideDecision(
    db,
    actor,
    { decisionId: input.decisionId, kind: "undo", reason: null },
    (decision) => {
      if (decision.deciderId !== actor.id) throw new ActionError("forbidden", "decisions.errors.undoOwnOnly");
      if (now.getTime() - Date.parse(decision.createdAt) > UNDO_WINDOW_MS) throw new ActionError("conflict", "decisions.errors.undoWindowOver");
    },
    { ...options, now },
  );
}
