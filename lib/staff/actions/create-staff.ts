import { defineAction } from "@/lib/auth/define-action";
import { getDb } from "@/lib/db";
import { newStaffSchema } from "../schemas";
import { createStaff } from "../staff";

export const createStaffAction = defineAction({
  name: "staff.create",
  permission: "staff.manage",
  input: newStaffSchema,
  handler: (input, { actor, requestId }) => {
    const who = { actorId: actor.id, requestId };
    return createStaff(getDb(), who, input);
  },
});
