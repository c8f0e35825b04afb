import { defineAction } from "@/lib/auth/define-action";
import { getDb } from "@/lib/db";
import { endOverride } from "../override";
import { endOverrideSchema } from "../schemas";

export const endOverrideAction = defineAction({
  name: "ratings.end_override",
  permission: "ratings.override",
  input: endOverrideSchema,
  handler: (input, { actor, requestId }) => endOverride(getDb(), actor, input, { requestId }),
});
