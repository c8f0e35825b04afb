// The lean HTTP layer for /api/v1 (DESIGN.md "Architecture"): plain node:http, no framework, the
// same lib/ domain functions and zod schemas as the console. Each route says whether it needs a key.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { storageFailure } from "@/lib/db/storage-errors";
import { authenticateClient } from "./client-auth";
import { sendError } from "./http";
import { shedLookup } from "./load-shedding";
import { sharedLimiter } from "./rate-limit";
import { type Route, matchRoutes } from "./router";
import { getAppeal, postAppeal } from "./routes/appeals";
import { currentClient } from "./routes/client";
import { health } from "./routes/health";
import { openApiDocument } from "./routes/openapi";
import { answerNoticeRoute, listNotices } from "./routes/notices";
import { getReport, postReport } from "./routes/reports";
import { getRestoreRequest, postRestoreRequest } from "./routes/restore-requests";
import { getFeed, getVerdict, postVerdicts } from "./routes/verdicts";

export const routes: Route[] = [
  { method: "GET", path: "/api/v1/health", auth: "public", handle: health },
  { method: "GET", path: "/api/v1/openapi.json", auth: "public", handle: openApiDocument },
  { method: "GET", path: "/api/v1/client", auth: "client", handle: currentClient },
  { method: "POST", path: "/api/v1/reports", auth: "client", handle: postReport },
  { method: "GET", path: "/api/v1/reports/:id", auth: "client", handle: getReport },
  { method: "GET", path: "/api/v1/notices", auth: "client", handle: listNotices },
  { method: "POST", path: "/api/v1/notices/:id/response", auth: "client", handle: answerNoticeRoute },
  { method: "POST", path: "/api/v1/restore-requests", auth: "client", handle: postRestoreRequest },
  { method: "GET", path: "/api/v1/restore-requests/:trackingCode", auth: "client", handle: getRestoreRequest },
  { method: "POST", path: "/api/v1/appeals", auth: "client", handle: postAppeal },
  { method: "GET", path: "/api/v1/appeals/:id", auth: "client", handle: getAppeal },
  { method: "GET", path: "/api/v1/links/verdict", auth: "client", shed: true, handle: getVerdict },
  { method: "POST", path: "/api/v1/links/verdicts", auth: "client", shed: true, handle: postVerdicts },
  { method: "GET", path: "/api/v1/links/feed", auth: "client", handle: getFeed },
];

export const API_PREFIX = "/api/v1";

export function isApiRequest(url: string | undefined): boolean {
  return url === API_PREFIX || (url?.startsWith(`${API_PREFIX}/`) ?? false) || (url?.startsWith(`${API_PREFIX}?`) ?? false);
}

// Request ids: unique in this process's life and across restarts, cheap enough for every lookup.
const requestIdPrefix = randomUUID().replaceAll("-", "").slice(0, 12);
let requestCount = 0;

/**
 * Answers one /api/v1 request. Synchronous up to the route's handler, and the verdict lookups' handlers
 * are synchronous too: in a process where Next has entered its AsyncLocalStorage instances, every
 * promise and async resource costs a copy of each store (Node 20), so the hottest path makes none.
 * The returned promise (a handler that reads a body) settles when the answer is sent.
 */
const nextRequestId = () => `${requestIdPrefix}-${(requestCount += 1).toString(36)}`;
/** The lookups refused first when the process falls behind (lib/api/load-shedding.ts). */
const SHED_PATHS = routes.filter((r) => r.shed).map((r) => r.path);

export function handleApiRequest(req: IncomingMessage, res: ServerResponse): Promise<void> | undefined {
  if (shedLookup(req.url, SHED_PATHS, res, nextRequestId)) return undefined;
  const requestId = nextRequestId();
  res.setHeader("x-request-id", requestId);
  try {
    const answered = dispatch(req, res, requestId);
    return answered ? answered.catch((error: unknown) => failed(res, requestId, error)) : undefined;
  } catch (error) {
    failed(res, requestId, error);
    return undefined;
  }
}

function dispatch(req: IncomingMessage, res: ServerResponse, requestId: string): void | Promise<void> {
  const target = req.url ?? "/";
  const queryAt = target.indexOf("?");
  const pathname = queryAt === -1 ? target : target.slice(0, queryAt);
  const query = new URLSearchParams(queryAt === -1 ? "" : target.slice(queryAt + 1));
  const matches = matchRoutes(routes, pathname);
  if (matches.length === 0) return sendError(res, 404, "not_found", `No API route ${pathname}`);
  const match = matches.find((m) => m.route.method === req.method);
  if (!match) {
    const allow = matches.map((m) => m.route.method).join(", ");
    return sendError(res, 405, "method_not_allowed", `Use ${allow}`, { allow });
  }
  const { route, params } = match;
  if (route.auth === "public") return route.handle({ req, res, query, params, requestId, client: null });

  const client = authenticateClient(req);
  if (!client) {
    return sendError(res, 401, "unauthorized", "A valid client API key is required: Authorization: Bearer <key>", {
      "www-authenticate": 'Bearer realm="linkdesk"',
    });
  }
  const allowed = sharedLimiter("client").take(`client:${client.id}`, client.requestsPerMinute);
  if (!allowed.ok) {
    return sendError(res, 429, "rate_limited", `Over ${client.requestsPerMinute} requests per minute for this key`, {
      "retry-after": String(allowed.retryAfterSeconds),
    });
  }
  return route.handle({ req, res, query, params, requestId, client });
}

function failed(res: ServerResponse, requestId: string, error: unknown): void {
  // A path segment with a broken %-escape (matchRoutes decodes the parameters): the client's error.
  if (error instanceof URIError && !res.headersSent) {
    return sendError(res, 400, "malformed_path", "The path holds a malformed %-escape");
  }
  // A full disk or a read-only database file is the service's trouble, not the request's: 503.
  const storage = storageFailure(error);
  if (storage) console.error(`[api] request ${requestId} failed: ${storage.code} ${(error as Error).message}`);
  else console.error(`[api] request ${requestId} failed`, error);
  if (res.headersSent) return;
  if (storage) return sendError(res, 503, "storage_unavailable", storage.message, { "retry-after": "60" });
  sendError(res, 500, "internal", "Unexpected error; the request id is in x-request-id");
}
