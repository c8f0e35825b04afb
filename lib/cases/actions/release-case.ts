import { defineAction } from "@/lib/auth/define-action";
import { getDb } from "@/lib/db";
import { releaseCase } from "../lease";
import { caseIdSchema } from "../schemas";

/** The holder gives the case back before the lease runs out. */
export const releaseCaseAction = defineAction({
  name: "cases.release",
  permission: "cases.decide",
  input: caseIdSchema,
  handler: (input, { actor, requestId }) => releaseCase(getDb(), actor, input.caseId, { requestId }),
});
