import { defineAction } from "@/lib/auth/define-action";
import { getDb } from "@/lib/db";
import { passwordChangeSchema } from "../schemas";
import { changeOwnPassword } from "../staff";

export const changeOwnPasswordAction = defineAction({
  name: "self.change_password",
  permission: "self.preferences",
  input: passwordChangeSchema,
  handler: (input, { actor, requestId }) =>
    changeOwnPassword(getDb(), { actorId: actor.id, requestId }, input.currentPassword, input.newPassword),
});
