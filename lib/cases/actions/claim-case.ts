import { defineAction } from "@/lib/auth/define-action";
import { getDb } from "@/lib/db";
import { claimCase } from "../lease";
import { caseIdSchema } from "../schemas";

/** Opening a case to decide it: holds it for the lease so nobody else decides it meanwhile. */
export const claimCaseAction = defineAction({
  name: "cases.claim",
  permission: "cases.decide",
  input: caseIdSchema,
  handler: (input, { actor, requestId }) => claimCase(getDb(), actor, input.caseId, { requestId }),
});
