import type { ServerResponse } from "node:http";
import type { ApiClient } from "../client-auth";
import { sendJson } from "../http";

/** Lets an integrator check their key: who the API thinks they are and their rate limit. */
export function currentClient(res: ServerResponse, client: ApiClient) {
  sendJson(res, 200, { client: { id: client.id, name: client.name, requestsPerMinute: client.requestsPerMinute } });
}
