import { defineAction } from "@/lib/auth/define-action";
import { getDb } from "@/lib/db";
import { createPlatform } from "../registry-admin";
import { newPlatformSchema } from "../schemas";

export const createPlatformAction = defineAction({
  name: "platform.create",
  permission: "platforms.edit",
  input: newPlatformSchema,
  handler: (input, { actor, requestId }) => createPlatform(getDb(), { actorId: actor.id, requestId }, input),
});
