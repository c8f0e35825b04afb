import { defineAction } from "@/lib/auth/define-action";
import { getDb } from "@/lib/db";
import { escalateCase } from "../escalate";
import { escalateSchema } from "../schemas";

/** A moderator passes a case to the senior moderators with a note. */
export const escalateCaseAction = defineAction({
  name: "cases.escalate",
  permission: "cases.decide",
  input: escalateSchema,
  handler: (input, { actor, requestId }) => escalateCase(getDb(), actor, input, { requestId }),
});
