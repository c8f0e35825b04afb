import { defineAction } from "@/lib/auth/define-action";
import { getDb } from "@/lib/db";
import { overrideGrade } from "../override";
import { overrideSchema } from "../schemas";

export const overrideGradeAction = defineAction({
  name: "ratings.override",
  permission: "ratings.override",
  input: overrideSchema,
  handler: (input, { actor, requestId }) => overrideGrade(getDb(), actor, input, { requestId }),
});
