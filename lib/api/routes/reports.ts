import { getDb } from "@/lib/db";
import { ActionError } from "@/lib/auth/action-result";
import { env } from "@/lib/env";
import type { FiledReport } from "@/lib/reports/file-report";
import { fileReportInBatch } from "@/lib/reports/intake-queue";
import { reportView, type ReportView } from "@/lib/reports/report-view";
import { reporterHash } from "@/lib/reports/reporter-hash";
import { idempotencyKeySchema, reportIdSchema, reportRequestSchema } from "@/lib/reports/schemas";
import { apiFieldErrors, englishFields } from "../field-messages";
import { readJsonBody, sendError, sendJson } from "../http";
import { sharedLimiter } from "../rate-limit";
import type { RouteContext } from "../router";

function receipt(report: ReportView, shareText: FiledReport["shareText"] = null) {
  return {
    id: report.id,
    trackingCode: report.trackingCode,
    caseId: report.caseId,
    canonicalUrl: report.canonicalUrl,
    registrableDomain: report.registrableDomain,
    platform: report.platform && { id: report.platform.id, name: report.platform.name },
    status: report.status,
    ...(shareText ? { shareText } : {}),
  };
}

/** POST /api/v1/reports: 201 a new report; 200 the reporter's earlier report on the same link. */
export async function postReport({ req, res, client, requestId }: RouteContext) {
  const body = await readJsonBody(req);
  if (!body.ok) return sendError(res, 400, body.code, body.message);

  const idempotencyHeader = req.headers["idempotency-key"];
  const idempotencyKey = typeof idempotencyHeader === "string" ? idempotencyKeySchema.safeParse(idempotencyHeader) : null;
  if (idempotencyKey && !idempotencyKey.success) {
    return sendError(res, 400, "invalid_header", "Idempotency-Key must be 1–200 printable ASCII characters without spaces");
  }

  const parsed = reportRequestSchema.safeParse(body.value);
  if (!parsed.success) {
    return sendError(res, 400, "invalid_request", "Some fields are not valid", {}, apiFieldErrors(parsed.error));
  }

  const hash = reporterHash(parsed.data.reporterId);
  const allowed = sharedLimiter("reporter").take(`reporter:${hash}`, env().REPORTS_PER_REPORTER_PER_MINUTE);
  if (!allowed.ok) {
    return sendError(res, 429, "rate_limited", "This reporter has filed too many complaints in the last minute", {
      "retry-after": String(allowed.retryAfterSeconds),
    });
  }

  try {
    // Group commit: written with the other complaints of this event-loop turn, answered after the commit.
    const filed = await fileReportInBatch(
      getDb(),
      {
        url: parsed.data.url,
        category: parsed.data.category,
        scene: parsed.data.scene,
        description: parsed.data.description,
        reporterHash: hash,
        source: "api",
        apiClientId: client!.id,
        idempotencyKey: idempotencyKey?.data ?? null,
      },
      { requestId },
    );
    const headers: Record<string, string> = filed.outcome === "replayed" ? { "idempotent-replayed": "true" } : {};
    sendJson(res, filed.outcome === "duplicate" ? 200 : 201, receipt(filed.report, filed.shareText), headers);
  } catch (error) {
    if (error instanceof ActionError && error.code === "invalid") {
      return sendError(res, 400, "invalid_request", error.message, {}, englishFields(error.fieldErrors));
    }
    throw error;
  }
}

/** GET /api/v1/reports/{id}: status and, once decided, the outcome. Only the filing client sees it. */
export function getReport({ res, params, client }: RouteContext) {
  const id = reportIdSchema.safeParse(params.id);
  if (!id.success) return sendError(res, 400, "invalid_request", "The report id must be a positive whole number");
  const report = reportView(getDb(), id.data);
  if (!report || report.apiClientId !== client!.id) return sendError(res, 404, "not_found", `No report ${id.data} for this client`);
  sendJson(res, 200, {
    ...receipt(report),
    category: report.category,
    scene: report.scene,
    filedAt: report.filedAt,
    outcome: report.outcome,
  });
}
