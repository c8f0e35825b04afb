import { defineAction } from "@/lib/auth/define-action";
import { getDb } from "@/lib/db";
import { addPlatformDomain } from "../registry-admin";
import { newPlatformDomainSchema } from "../schemas";

export const addPlatformDomainAction = defineAction({
  name: "platform.add_domain",
  permission: "platforms.edit",
  input: newPlatformDomainSchema,
  handler: (input, { actor, requestId }) => addPlatformDomain(getDb(), { actorId: actor.id, requestId }, input),
});
