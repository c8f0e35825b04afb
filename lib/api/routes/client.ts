import { sendJson } from "../http";
import type { RouteContext } from "../router";

/** Lets an integrator check their key: who the API thinks they are and their rate limit. */
export function currentClient({ res, client }: RouteContext) {
  sendJson(res, 200, { client: { id: client!.id, name: client!.name, requestsPerMinute: client!.requestsPerMinute } });
}
