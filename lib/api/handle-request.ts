// The lean HTTP layer for /api/v1 (DESIGN.md "Architecture"): plain node:http, no framework, the
// same lib/ domain functions as the console. Each route says whether it needs a client key.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { type ApiClient, authenticateClient } from "./client-auth";
import { sendError } from "./http";
import { RateLimiter } from "./rate-limit";
import { currentClient } from "./routes/client";
import { health } from "./routes/health";

type Route =
  | { method: string; path: string; auth: "public"; handle: (res: ServerResponse) => void }
  | { method: string; path: string; auth: "client"; handle: (res: ServerResponse, client: ApiClient) => void };

const routes: Route[] = [
  { method: "GET", path: "/api/v1/health", auth: "public", handle: health },
  { method: "GET", path: "/api/v1/client", auth: "client", handle: currentClient },
];

export const API_PREFIX = "/api/v1";

const clientLimiter = new RateLimiter();

export function isApiRequest(url: string | undefined): boolean {
  return url === API_PREFIX || (url?.startsWith(`${API_PREFIX}/`) ?? false) || (url?.startsWith(`${API_PREFIX}?`) ?? false);
}

export function handleApiRequest(req: IncomingMessage, res: ServerResponse): void {
  const requestId = randomUUID();
  res.setHeader("x-request-id", requestId);
  try {
    const url = new URL(req.url ?? "/", "http://localhost");
    const pathRoutes = routes.filter((r) => r.path === url.pathname);
    if (pathRoutes.length === 0) return sendError(res, 404, "not_found", `No API route ${url.pathname}`);
    const route = pathRoutes.find((r) => r.method === req.method);
    if (!route) {
      const allow = pathRoutes.map((r) => r.method).join(", ");
      return sendError(res, 405, "method_not_allowed", `Use ${allow}`, { allow });
    }
    if (route.auth === "public") return route.handle(res);
    const client = authenticateClient(req);
    if (!client) {
      return sendError(res, 401, "unauthorized", "A valid client API key is required: Authorization: Bearer <key>", {
        "www-authenticate": 'Bearer realm="linkdesk"',
      });
    }
    const allowed = clientLimiter.take(`client:${client.id}`, client.requestsPerMinute);
    if (!allowed.ok) {
      return sendError(res, 429, "rate_limited", `Over ${client.requestsPerMinute} requests per minute for this key`, {
        "retry-after": String(allowed.retryAfterSeconds),
      });
    }
    return route.handle(res, client);
  } catch (error) {
    console.error(`[api] request ${requestId} failed`, error);
    if (!res.headersSent) sendError(res, 500, "internal", "Unexpected error; the request id is in x-request-id");
  }
}
