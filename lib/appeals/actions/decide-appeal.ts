import { defineAction } from "@/lib/auth/define-action";
import { getDb } from "@/lib/db";
import { decideAppeal } from "../decide-appeal";
import { decideAppealSchema } from "../schemas";

/** A senior moderator who did not make the decision upholds or overturns an appeal, with a note. */
export const decideAppealAction = defineAction({
  name: "appeals.decide",
  permission: "cases.decideSenior",
  input: decideAppealSchema,
  handler: (input, { actor, requestId }) => decideAppeal(getDb(), actor, input, { requestId }),
});
