// A platform's own client reads and answers its rectification notices. A key that acts for no
// platform is refused; another platform's notice is "not found", so ids reveal nothing.
import type { z } from "zod";
import { ActionError } from "@/lib/auth/action-result";
import { getDb } from "@/lib/db";
import { answerNotice } from "@/lib/notices/answer-notice";
import { type NoticeRow, platformNotice, platformNoticeFeed } from "@/lib/notices/notice-list";
import { noticeAnswerRequestSchema, noticeIdSchema, noticeListQuerySchema, type apiNoticeSchema } from "@/lib/notices/schemas";
import { apiFieldErrors, englishFields, englishMessage } from "../field-messages";
import { readJsonBody, sendError, sendJson } from "../http";
import type { RouteContext } from "../router";

function noticeView(row: NoticeRow): z.output<typeof apiNoticeSchema> {
  return {
    id: row.id,
    platformId: row.platformId,
    caseId: row.caseId,
    canonicalUrl: row.canonicalUrl,
    category: row.category,
    level: row.level,
    state: row.state,
    sentAt: row.sentAt,
    deadlineAt: row.deadlineAt,
    answeredAt: row.answeredAt,
    answer: row.answer,
    onTime: row.answeredAt === null ? null : row.answeredAt <= row.deadlineAt,
  };
}

function platformOf({ res, client }: RouteContext): number | null {
  const platformId = client!.platformId;
  if (platformId === null) {
    sendError(res, 403, "not_a_platform_client", "This key acts for no platform; only a platform's own client has notices");
    return null;
  }
  return platformId;
}

/** GET /api/v1/notices?state=open|overdue|answered&after=<id>&limit=<n>: the platform's notices, oldest first. */
export function listNotices(ctx: RouteContext) {
  const platformId = platformOf(ctx);
  if (platformId === null) return;
  const query = noticeListQuerySchema.safeParse(Object.fromEntries(ctx.query));
  if (!query.success) return sendError(ctx.res, 400, "invalid_request", "Some query parameters are not valid", {}, apiFieldErrors(query.error, { otherMessages: "as_written" }));
  const { state, after, limit } = query.data;
  const page = platformNoticeFeed(getDb(), platformId, { filter: state, afterId: after, limit });
  sendJson(ctx.res, 200, { notices: page.rows.map(noticeView), nextAfter: page.nextAfter });
}

/** POST /api/v1/notices/{id}/response: records the platform's answer, once; 200 with the notice. */
export async function answerNoticeRoute(ctx: RouteContext) {
  const { req, res, params, client, requestId } = ctx;
  const platformId = platformOf(ctx);
  if (platformId === null) return;
  const id = noticeIdSchema.safeParse(params.id);
  if (!id.success) return sendError(res, 400, "invalid_request", "The notice id must be a positive whole number");
  const body = await readJsonBody(req);
  if (!body.ok) return sendError(res, 400, body.code, body.message);
  const parsed = noticeAnswerRequestSchema.safeParse(body.value);
  if (!parsed.success) return sendError(res, 400, "invalid_request", "Some fields are not valid", {}, apiFieldErrors(parsed.error, { otherMessages: "as_written" }));

  try {
    answerNotice(getDb(), { kind: "client", clientId: client!.id, platformId }, { noticeId: id.data, answer: parsed.data.answer }, { requestId });
  } catch (error) {
    if (!(error instanceof ActionError)) throw error;
    if (error.code === "not_found") return sendError(res, 404, "not_found", `No notice ${id.data} for this platform`);
    if (error.code === "conflict" && error.message === "notices.errors.withdrawn") {
      return sendError(res, 409, "withdrawn", "This notice was withdrawn: the decision behind it was set aside");
    }
    if (error.code === "conflict") return sendError(res, 409, "already_answered", "This notice has already been answered; an answer is recorded once");
    return sendError(res, 400, "invalid_request", englishMessage(error.message), {}, englishFields(error.fieldErrors));
  }
  sendJson(res, 200, noticeView(platformNotice(getDb(), platformId, id.data)!));
}
