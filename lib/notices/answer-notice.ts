// A platform's answer to a rectification notice, recorded by its API client or by a manager on its
// behalf. The answer's time against the deadline is what the rating's rectification rate counts, so a
// notice is answered once; the answer and its audit event commit together.
import { eq } from "drizzle-orm";
import { rectificationNotices } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { ActionError } from "@/lib/auth/action-result";
import type { Db } from "@/lib/db";
import { markRatingStale } from "@/lib/ratings/refresh-marks";

export const MAX_ANSWER_LENGTH = 2000;

export type NoticeAnswerer =
  | { kind: "client"; clientId: number; platformId: number | null }
  | { kind: "staff"; userId: number };

export type AnsweredNotice = typeof rectificationNotices.$inferSelect & { onTime: boolean };

export function answerNotice(
  db: Db,
  answerer: NoticeAnswerer,
  input: { noticeId: number; answer: string },
  options: { now?: Date; requestId?: string | null } = {},
): AnsweredNotice {
  const answer = input.answer.trim();
  if (answer.length === 0) throw new ActionError("invalid", "errors.invalid", { answer: ["validation.required"] });
  if ([...answer].length > MAX_ANSWER_LENGTH) throw new ActionError("invalid", "errors.invalid", { answer: ["validation.tooLong"] });
  const at = (options.now ?? new Date()).toISOString();

  return db.transaction(
    (tx) => {
      const notice = tx.select().from(rectificationNotices).where(eq(rectificationNotices.id, input.noticeId)).get();
      // A client sees only its own platform's notices: another platform's notice is "not found".
      if (!notice || (answerer.kind === "client" && answerer.platformId !== notice.platformId)) {
        throw new ActionError("not_found", "notices.errors.notFound");
      }
      if (notice.answeredAt !== null) throw new ActionError("conflict", "notices.errors.alreadyAnswered");
      if (notice.withdrawnAt !== null) throw new ActionError("conflict", "notices.errors.withdrawn");
      if (at < notice.sentAt) throw new ActionError("invalid", "notices.errors.beforeSent");

      const after = {
        answeredAt: at,
        answer,
        answeredByClientId: answerer.kind === "client" ? answerer.clientId : null,
        answeredByUserId: answerer.kind === "staff" ? answerer.userId : null,
      };
      tx.update(rectificationNotices).set(after).where(eq(rectificationNotices.id, notice.id)).run();
      const onTime = at <= notice.deadlineAt;
      markRatingStale(db, notice.platformId, at); // the rectification rate counts the answer
      recordAudit(tx, {
        actorId: answerer.kind === "staff" ? answerer.userId : null,
        action: "notice.answered",
        targetType: "notice",
        targetId: notice.id,
        before: { answeredAt: null },
        after: { ...after, platformId: notice.platformId, deadlineAt: notice.deadlineAt, onTime },
        requestId: options.requestId ?? null,
        at,
      });
      return { ...notice, ...after, onTime };
    },
    { behavior: "immediate" },
  );
}
