import { defineAction } from "@/lib/auth/define-action";
import { getDb } from "@/lib/db";
import { createApiClient } from "../api-clients";
import { newApiClientSchema } from "../schemas";

export const createApiClientAction = defineAction({
  name: "api_client.create",
  permission: "apiClients.manage",
  input: newApiClientSchema,
  handler: (input, { actor, requestId }) => createApiClient(getDb(), { actorId: actor.id, requestId }, input),
});
