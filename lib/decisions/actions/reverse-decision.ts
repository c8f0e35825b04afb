import { defineAction } from "@/lib/auth/define-action";
import { getDb } from "@/lib/db";
import { reverseDecision } from "../reverse";
import { reverseSchema } from "../schemas";

/** A senior moderator reverses a standing decision, with a reason. */
export const reverseDecisionAction = defineAction({
  name: "decisions.reverse",
  permission: "cases.decideSenior",
  input: reverseSchema,
  handler: (input, { actor, requestId }) => {
    const { caseId, caseVersion } = reverseDecision(getDb(), actor, input, { requestId });
    return { caseId, caseVersion };
  },
});
