import { defineAction } from "@/lib/auth/define-action";
import { getDb } from "@/lib/db";
import { revokeApiClient } from "../api-clients";
import { revokeApiClientSchema } from "../schemas";

export const revokeApiClientAction = defineAction({
  name: "api_client.revoke",
  permission: "apiClients.manage",
  input: revokeApiClientSchema,
  handler: (input, { actor, requestId }) => revokeApiClient(getDb(), { actorId: actor.id, requestId }, input.clientId),
});
