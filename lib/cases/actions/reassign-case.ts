import { defineAction } from "@/lib/auth/define-action";
import { getDb } from "@/lib/db";
import { reassignCase } from "../lease";
import { reassignSchema } from "../schemas";

/** A senior moderator hands a case to someone else, with a reason, whoever holds it now. */
export const reassignCaseAction = defineAction({
  name: "cases.reassign",
  permission: "cases.decideSenior",
  input: reassignSchema,
  handler: (input, { actor, requestId }) => reassignCase(getDb(), actor, input, { requestId }),
});
