// Appeals over the client API. A client appeals as the reporter (one of its own reports) or as a
// platform (a decision on its platform's link). Another client's report or platform's decision is
// answered 404 like an unknown id, so ids reveal nothing.
import { z } from "zod";
import { appealStatusForClient } from "@/lib/appeals/status-view";
import { fileAppeal } from "@/lib/appeals/file";
import { appealRequestSchema } from "@/lib/appeals/schemas";
import { ActionError } from "@/lib/auth/action-result";
import { getDb } from "@/lib/db";
import { apiFieldErrors, englishFields, englishMessage } from "../field-messages";
import { readJsonBody, sendError, sendJson } from "../http";
import type { RouteContext } from "../router";

const appealIdSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** POST /api/v1/appeals: 201 with the appeal's id and status (pending). */
export async function postAppeal({ req, res, client, requestId }: RouteContext) {
  const body = await readJsonBody(req);
  if (!body.ok) return sendError(res, 400, body.code, body.message);

  const parsed = appealRequestSchema.safeParse(body.value);
  if (!parsed.success) {
    return sendError(res, 400, "invalid_request", "Some fields are not valid", {}, apiFieldErrors(parsed.error));
  }

  try {
    const receipt = fileAppeal(getDb(), { clientId: client!.id, platformId: client!.platformId }, parsed.data, { requestId });
    sendJson(res, 201, { appealId: receipt.appealId, status: receipt.status });
  } catch (error) {
    if (!(error instanceof ActionError)) throw error;
    const message = englishMessage(error.message);
    switch (error.code) {
      case "invalid":
        if (error.message === "appeals.errors.windowClosed") return sendError(res, 422, "appeal_window_closed", message);
        return sendError(res, 400, "invalid_request", "Some fields are not valid", {}, englishFields(error.fieldErrors));
      case "forbidden":
        return sendError(res, 403, "not_a_platform_client", message);
      case "not_found":
        return sendError(res, 404, "not_found", message);
      case "conflict": {
        const codes: Record<string, string> = {
          "appeals.errors.alreadyPending": "already_pending",
          "appeals.errors.setAside": "decision_set_aside",
          "appeals.errors.notDecided": "not_decided",
          "appeals.errors.caseMovedOn": "case_moved_on",
        };
        return sendError(res, 409, codes[error.message] ?? "conflict", message);
      }
      default:
        throw error;
    }
  }
}

/** GET /api/v1/appeals/{id}: the appeal's status, for the client that filed it only. */
export function getAppeal({ res, params, client }: RouteContext) {
  const id = appealIdSchema.safeParse(params.id);
  if (!id.success) return sendError(res, 400, "invalid_request", "The appeal id must be a positive whole number");
  const view = appealStatusForClient(getDb(), id.data, client!.id);
  if (!view) return sendError(res, 404, "not_found", `No appeal ${id.data} filed by this client`);
  sendJson(res, 200, view);
}
