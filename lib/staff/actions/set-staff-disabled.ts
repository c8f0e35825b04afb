import { defineAction } from "@/lib/auth/define-action";
import { getDb } from "@/lib/db";
import { disableSchema } from "../schemas";
import { setDisabled } from "../staff";

export const setStaffDisabled = defineAction({
  name: "staff.set_disabled",
  permission: "staff.manage",
  input: disableSchema,
  handler: (input, { actor, requestId }) => {
    const who = { actorId: actor.id, requestId };
    return setDisabled(getDb(), who, input.userId, input.disabled);
  },
});
