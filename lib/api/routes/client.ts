import { sendJson } from "../http";
import type { RouteContext } from "../router";

/** Lets an integrator check their key: who the API thinks they are, their rate limit and the platform they act for. */
export function currentClient({ res, client }: RouteContext) {
  const { id, name, requestsPerMinute, platformId } = client!;
  sendJson(res, 200, { client: { id, name, requestsPerMinute, platformId } });
}
