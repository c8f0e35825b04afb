// GET /api/v1/links/verdict, POST /api/v1/links/verdicts and GET /api/v1/links/feed. Lookups write
// nothing and log nothing about who asked.
import type { z } from "zod";
import { getDb } from "@/lib/db";
import { lookUpVerdict, lookUpVerdicts } from "@/lib/verdicts/lookup";
import { FEED_FORMAT, verdictChangesSince } from "@/lib/verdicts/change-feed";
import { MAX_BATCH_URLS, feedQuerySchema, verdictBatchSchema, verdictQuerySchema } from "@/lib/verdicts/schemas";
import { MAX_LINK_LENGTH } from "@/lib/links/canonicalize";
import { answerJson } from "@/lib/verdicts/answer-json";
import { readJsonBody, sendError, sendJson, sendJsonText } from "../http";
import type { RouteContext } from "../router";

// A full batch: 500 links of up to 2,048 characters, with room for JSON quoting.
const MAX_BATCH_BODY_BYTES = MAX_BATCH_URLS * (MAX_LINK_LENGTH + 16) + 1024;

/** Per-field messages of a failed parse; unknown query parameters or body fields are named. */
function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) (fields[key] ??= []).push("Unknown parameter");
      continue;
    }
    const field = issue.path.length > 0 ? issue.path.join(".") : "body";
    (fields[field] ??= []).push(issue.message);
  }
  return fields;
}

function queryObject(params: URLSearchParams): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of params) if (!(key in query)) query[key] = value;
  return query;
}

export function getVerdict({ res, query }: RouteContext) {
  const parsed = verdictQuerySchema.safeParse(queryObject(query));
  if (!parsed.success) return sendError(res, 400, "invalid_request", "Some parameters are not valid", {}, fieldErrors(parsed.error));
  const result = lookUpVerdict(getDb(), parsed.data.url, parsed.data.mode);
  if (!result.ok) return sendError(res, 400, "invalid_url", result.message, {}, { url: [result.message] });
  sendJsonText(res, 200, answerJson(result.verdict));
}

export async function postVerdicts({ req, res }: RouteContext) {
  const body = await readJsonBody(req, MAX_BATCH_BODY_BYTES);
  if (!body.ok) return sendError(res, body.code === "body_too_large" ? 413 : 400, body.code, body.message);
  const parsed = verdictBatchSchema.safeParse(body.value);
  if (!parsed.success) return sendError(res, 400, "invalid_request", "Some fields are not valid", {}, fieldErrors(parsed.error));
  const { urls, mode } = parsed.data;
  // One bad link does not sink the batch: it gets its own error entry, in its place.
  const results = lookUpVerdicts(getDb(), urls, mode).map((result, i) =>
    result.ok ? answerJson(result.verdict, { url: urls[i]! }) : JSON.stringify({ url: urls[i], error: { code: "invalid_url", message: result.message } }),
  );
  sendJsonText(res, 200, `{"results":[${results.join(",")}]}`);
}

export function getFeed({ res, query }: RouteContext) {
  const parsed = feedQuerySchema.safeParse(queryObject(query));
  if (!parsed.success) return sendError(res, 400, "invalid_request", "Some parameters are not valid", {}, fieldErrors(parsed.error));
  const { since, limit } = parsed.data;
  // One row more than the page says whether another page follows.
  const rows = verdictChangesSince(getDb(), since, limit + 1);
  const changes = rows.slice(0, limit);
  sendJson(res, 200, { changes, format: FEED_FORMAT, nextSince: changes.at(-1)?.seq ?? since, hasMore: rows.length > limit });
}
