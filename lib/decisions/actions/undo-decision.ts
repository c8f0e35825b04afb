import { defineAction } from "@/lib/auth/define-action";
import { getDb } from "@/lib/db";
import { undoDecision } from "../undo";
import { decisionIdSchema } from "../schemas";

/** The decider takes their decision back within the undo window. */
export const undoDecisionAction = defineAction({
  name: "decisions.undo",
  permission: "cases.decide",
  input: decisionIdSchema,
  handler: (input, { actor, requestId }) => {
    const { caseId, caseVersion } = undoDecision(getDb(), actor, input, { requestId });
    return { caseId, caseVersion };
  },
});
