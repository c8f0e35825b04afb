import { defineAction } from "@/lib/auth/define-action";
import { getDb } from "@/lib/db";
import { unlockSchema } from "../schemas";
import { unlockStaff } from "../staff";

export const unlockStaffAccount = defineAction({
  name: "staff.unlock",
  permission: "staff.manage",
  input: unlockSchema,
  handler: (input, { actor, requestId }) => {
    const who = { actorId: actor.id, requestId };
    return unlockStaff(getDb(), who, input.userId);
  },
});
