import { z } from "zod";
import { defineAction } from "@/lib/auth/define-action";
import { getDb } from "@/lib/db";
import { nextCaseInQueue } from "@/lib/queue/next-case";
import { decideCase } from "../decide";
import { decideSchema } from "../schemas";

/**
 * The case page's decision form. With andNext it also answers the next case of the moderator's
 * queue view (the ?queue= search string the page was opened with), for "decide and next".
 */
export const decideCaseAction = defineAction({
  name: "decisions.decide",
  permission: "cases.decide",
  input: decideSchema.extend({ queue: z.string().max(4000).optional(), andNext: z.enum(["0", "1"]).optional() }),
  handler: (input, { actor, requestId }) => {
    const { queue, andNext, ...decision } = input;
    const { decisionId, verdictId, noticeId } = decideCase(getDb(), actor, decision, { requestId });
    const nextCaseId = andNext === "1" ? nextCaseInQueue(getDb(), actor, queue ?? "", decision.caseId) : null;
    return { decisionId, verdictId, noticeId, caseId: decision.caseId, nextCaseId };
  },
});
