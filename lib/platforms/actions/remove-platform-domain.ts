import { defineAction } from "@/lib/auth/define-action";
import { getDb } from "@/lib/db";
import { removePlatformDomain } from "../registry-admin";
import { removePlatformDomainSchema } from "../schemas";

export const removePlatformDomainAction = defineAction({
  name: "platform.remove_domain",
  permission: "platforms.edit",
  input: removePlatformDomainSchema,
  handler: (input, { actor, requestId }) => removePlatformDomain(getDb(), { actorId: actor.id, requestId }, input),
});
