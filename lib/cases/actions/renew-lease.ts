import { defineAction } from "@/lib/auth/define-action";
import { getDb } from "@/lib/db";
import { renewLease } from "../lease";
import { caseIdSchema } from "../schemas";

/** Called by the open case page every few minutes: keeps the caller's lease running. */
export const renewLeaseAction = defineAction({
  name: "cases.renew",
  permission: "cases.decide",
  input: caseIdSchema,
  handler: (input, { actor, requestId }) => renewLease(getDb(), actor, input.caseId, { requestId }),
});
