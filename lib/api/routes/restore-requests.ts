// Restore requests over the client API. A link nobody restricts (or that Linkdesk never handled) is
// answered 422 nothing_to_restore: the request is well formed, but there is no verdict to lift; 404
// stays for "no such resource" (an unknown or another client's tracking code).
import { ActionError } from "@/lib/auth/action-result";
import { getDb } from "@/lib/db";
import { restoreRequestSchema, trackingCodeParamSchema } from "@/lib/restore/schemas";
import { publicMessages, restoreStatusByCode } from "@/lib/restore/status-view";
import { submitRestoreRequest } from "@/lib/restore/submit";
import { apiFieldErrors, englishFields, englishMessage } from "../field-messages";
import { readJsonBody, sendError, sendJson } from "../http";
import type { RouteContext } from "../router";

/** POST /api/v1/restore-requests: 201 with the tracking code and the verdict it asks to lift. */
export async function postRestoreRequest({ req, res, client, requestId }: RouteContext) {
  const body = await readJsonBody(req);
  if (!body.ok) return sendError(res, 400, body.code, body.message);

  const parsed = restoreRequestSchema.safeParse(body.value);
  if (!parsed.success) {
    return sendError(res, 400, "invalid_request", "Some fields are not valid", {}, apiFieldErrors(parsed.error));
  }

  try {
    const receipt = submitRestoreRequest(getDb(), { ...parsed.data, source: "api", apiClientId: client!.id }, { requestId });
    sendJson(res, 201, {
      trackingCode: receipt.trackingCode,
      status: receipt.status,
      canonicalUrl: receipt.canonicalUrl,
      verdict: { level: receipt.verdict.level, category: receipt.verdict.category },
      ...(receipt.shareText ? { shareText: receipt.shareText } : {}),
    });
  } catch (error) {
    if (!(error instanceof ActionError)) throw error;
    switch (error.code) {
      case "invalid":
        return sendError(res, 400, "invalid_request", "Some fields are not valid", {}, englishFields(error.fieldErrors));
      case "not_found":
        return sendError(res, 422, "nothing_to_restore", englishMessage(error.message));
      case "conflict":
        return sendError(res, 409, "already_pending", englishMessage(error.message));
      default:
        throw error;
    }
  }
}

/** GET /api/v1/restore-requests/{trackingCode}: the request's status. Only the filing client sees it. */
export function getRestoreRequest({ res, params, client }: RouteContext) {
  const code = trackingCodeParamSchema.safeParse(params.trackingCode);
  if (!code.success) return sendError(res, 400, "invalid_request", "The tracking code looks like LD-7KQ4M2XW");
  const view = restoreStatusByCode(getDb(), code.data);
  if (!view || view.apiClientId !== client!.id) {
    return sendError(res, 404, "not_found", `No restore request ${code.data} for this client`);
  }
  sendJson(res, 200, {
    trackingCode: view.trackingCode,
    status: view.status,
    canonicalUrl: view.canonicalUrl,
    verdict: view.verdict,
    requester: view.requester,
    submittedAt: view.submittedAt,
    reviewedAt: view.reviewedAt,
    outcome: view.outcome,
    message: publicMessages[view.outcome ?? "pending"],
  });
}
