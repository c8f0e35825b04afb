import { defineAction } from "@/lib/auth/define-action";
import { getDb } from "@/lib/db";
import { roleChangeSchema } from "../schemas";
import { changeRole } from "../staff";

export const changeStaffRole = defineAction({
  name: "staff.change_role",
  permission: "staff.manage",
  input: roleChangeSchema,
  handler: (input, { actor, requestId }) => {
    const who = { actorId: actor.id, requestId };
    return changeRole(getDb(), who, input.userId, input.role);
  },
});
