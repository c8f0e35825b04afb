// What the filing client learns about its appeal over the API: only the client that filed it is
// answered — any other gets the same 404 as an unknown id.
import { and, eq } from "drizzle-orm";
import { appeals } from "@/db/schema";
import type { Db } from "@/lib/db";
import type { AppealStatus } from "./schemas";

export const publicAppealMessages: Record<AppealStatus, string> = {
  pending: "The appeal waits for a senior moderator who did not make the decision.",
  upheld: "The appeal was reviewed and the decision stands.",
  overturned: "The appeal was granted: the decision was set aside and its restriction lifted; the case is reviewed again.",
};

export function appealStatusForClient(db: Db, appealId: number, clientId: number) {
  const appeal = db.select().from(appeals).where(and(eq(appeals.id, appealId), eq(appeals.apiClientId, clientId))).get();
  if (!appeal || appeal.appellant === "link_owner") return null;
  return {
    appealId: appeal.id,
    status: appeal.status,
    appellant: appeal.appellant,
    decisionId: appeal.decisionId,
    submittedAt: appeal.submittedAt,
    decidedAt: appeal.decidedAt,
    message: publicAppealMessages[appeal.status],
  };
}
