import { z } from "zod";
import { apiErrorSchema, reportReceiptSchema, reportRequestSchema, reportStatusSchema } from "@/lib/reports/schemas";
import { MAX_API_PAGE, apiNoticePageSchema, apiNoticeSchema, noticeAnswerRequestSchema } from "@/lib/notices/schemas";
import { feedPageSchema, linkVerdictSchema, verdictBatchResultSchema, verdictBatchSchema } from "@/lib/verdicts/schemas";
import { restoreReceiptSchema, restoreRequestSchema, restoreStatusSchema } from "@/lib/restore/schemas";
import { appealReceiptSchema, appealRequestSchema, appealStatusSchema } from "@/lib/appeals/schemas";
import { sendJson } from "../http";
import type { RouteContext } from "../router";
import { appVersion } from "../version";

/** A component schema: JSON Schema 2020-12, which OpenAPI 3.1 uses as it is. */
function schema(s: z.ZodType, io: "input" | "output" = "output") {
  const json: Record<string, unknown> = z.toJSONSchema(s, { io, unrepresentable: "any" });
  delete json.$schema;
  return json;
}

const error = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});
const json = (ref: string, description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } },
});
const keyed = { security: [{ clientKey: [] }] };
const limited = error("Over a rate limit; Retry-After says how many seconds to wait");

/** The OpenAPI 3.1 document of the client API, built from the zod schemas that validate requests. */
export function buildOpenApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "Linkdesk client API",
      version: appVersion,
      description: "For client apps: file complaints about links, follow them, ask for link verdicts and mirror them. Every error has the Error shape.",
    },
    servers: [{ url: "/" }],
    components: {
      securitySchemes: { clientKey: { type: "http", scheme: "bearer", description: "A client API key from the admin pages" } },
      schemas: {
        ReportRequest: schema(reportRequestSchema, "input"),
        ReportReceipt: schema(reportReceiptSchema),
        ReportStatus: schema(reportStatusSchema),
        LinkVerdict: schema(linkVerdictSchema),
        VerdictBatchRequest: schema(verdictBatchSchema, "input"),
        VerdictBatchResult: schema(verdictBatchResultSchema),
        VerdictFeedPage: schema(feedPageSchema),
        RestoreRequest: schema(restoreRequestSchema, "input"),
        RestoreReceipt: schema(restoreReceiptSchema),
        RestoreStatus: schema(restoreStatusSchema),
        AppealRequest: schema(appealRequestSchema, "input"),
        AppealReceipt: schema(appealReceiptSchema),
        AppealStatus: schema(appealStatusSchema),
        Notice: schema(apiNoticeSchema),
        NoticePage: schema(apiNoticePageSchema),
        NoticeAnswer: schema(noticeAnswerRequestSchema, "input"),
        Error: schema(apiErrorSchema),
      },
    },
    paths: {
      "/api/v1/health": {
        get: { summary: "Version and database status", responses: { "200": { description: "Up" }, "503": { description: "The database does not answer" } } },
      },
      "/api/v1/client": {
        get: { ...keyed, summary: "The client this key belongs to", responses: { "200": { description: "The client" }, "401": error("No valid key"), "429": limited } },
      },
      "/api/v1/reports": {
        post: {
          ...keyed,
          summary: "File a complaint about a link",
          parameters: [
            {
              name: "Idempotency-Key",
              in: "header",
              required: false,
              description: "Retries with the same key get the first answer instead of a second report",
              schema: { type: "string", maxLength: 200 },
            },
          ],
          requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/ReportRequest" } } } },
          responses: {
            "201": json("ReportReceipt", "Filed (or, with Idempotency-Key, the first answer again)"),
            "200": json("ReportReceipt", "This reporter already reported this link: their earlier report"),
            "400": error("Malformed JSON, a body over 16 KB, or invalid fields (see error.fields)"),
            "401": error("No valid key"),
            "429": limited,
          },
        },
      },
      "/api/v1/restore-requests": {
        post: {
          ...keyed,
          summary: "Ask to lift the verdict that restricts a link, after its content was fixed; a senior moderator reviews it",
          requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/RestoreRequest" } } } },
          responses: {
            "201": json("RestoreReceipt", "Received, pending review"),
            "400": error("Malformed JSON, a body over 16 KB, or invalid fields (see error.fields)"),
            "401": error("No valid key"),
            "409": error("A request for the same verdict is already pending (code already_pending)"),
            "422": error("Nothing to lift: the link is unknown or no verdict restricts it now (code nothing_to_restore)"),
            "429": limited,
          },
        },
      },
      "/api/v1/restore-requests/{trackingCode}": {
        get: {
          ...keyed,
          summary: "A restore request's status and, once reviewed, its public outcome",
          parameters: [{ name: "trackingCode", in: "path", required: true, schema: { type: "string", pattern: "^LD-[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{8}$" } }],
          responses: {
            "200": json("RestoreStatus", "The request"),
            "400": error("Not a tracking code"),
            "401": error("No valid key"),
            "404": error("No such request filed by this client"),
            "429": limited,
          },
        },
      },
      "/api/v1/appeals": {
        post: {
          ...keyed,
          summary: "Appeal a decision: as the reporter (reportId, one of this client's reports) or as a platform (decisionId, a decision on its link); a senior moderator who did not make the decision decides it",
          requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/AppealRequest" } } } },
          responses: {
            "201": json("AppealReceipt", "Received, pending"),
            "400": error("Malformed JSON, a body over 16 KB, or invalid fields (see error.fields)"),
            "401": error("No valid key"),
            "403": error("decisionId given, but the key acts for no platform (code not_a_platform_client)"),
            "404": error("No such report of this client, or no such decision on this client's platform"),
            "409": error("An appeal of this decision is pending (already_pending), the decision was set aside (decision_set_aside), the case is not decided (not_decided) or has moved on (case_moved_on)"),
            "422": error("The decision is older than the 30-day appeal window (code appeal_window_closed)"),
            "429": limited,
          },
        },
      },
      "/api/v1/appeals/{appealId}": {
        get: {
          ...keyed,
          summary: "An appeal's status, for the client that filed it",
          parameters: [{ name: "appealId", in: "path", required: true, schema: { type: "integer", minimum: 1 } }],
          responses: {
            "200": json("AppealStatus", "The appeal"),
            "400": error("Not an appeal id"),
            "401": error("No valid key"),
            "404": error("No such appeal filed by this client"),
            "429": limited,
          },
        },
      },
      "/api/v1/notices": {
        get: {
          ...keyed,
          summary: "The rectification notices of the platform this key acts for, oldest first",
          parameters: [
            { name: "state", in: "query", required: false, schema: { type: "string", enum: ["open", "overdue", "answered"] }, description: "open: unanswered, deadline ahead; overdue: unanswered, deadline passed" },
            { name: "after", in: "query", required: false, schema: { type: "integer", minimum: 1 }, description: "nextAfter of the previous page" },
            { name: "limit", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: MAX_API_PAGE, default: 50 } },
          ],
          responses: {
            "200": json("NoticePage", "A page of notices"),
            "400": error("An unknown state, parameter, or an invalid after or limit (see error.fields)"),
            "401": error("No valid key"),
            "403": error("The key acts for no platform (code not_a_platform_client)"),
            "429": limited,
          },
        },
      },
      "/api/v1/notices/{id}/response": {
        post: {
          ...keyed,
          summary: "Answer a rectification notice: what the platform did about the link. Recorded once; its time against the deadline counts in the platform's rating",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer", minimum: 1 } }],
          requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/NoticeAnswer" } } } },
          responses: {
            "200": json("Notice", "Recorded; onTime says whether it came by the deadline"),
            "400": error("The id is not a positive whole number, malformed JSON, or an invalid answer (see error.fields)"),
            "401": error("No valid key"),
            "403": error("The key acts for no platform (code not_a_platform_client)"),
            "404": error("No such notice for this platform"),
            "409": error("The notice has already been answered (code already_answered)"),
            "429": limited,
          },
        },
      },
      "/api/v1/reports/{id}": {
        get: {
          ...keyed,
          summary: "A complaint's status and, once decided, its outcome",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer", minimum: 1 } }],
          responses: {
            "200": json("ReportStatus", "The report"),
            "400": error("The id is not a positive whole number"),
            "401": error("No valid key"),
            "404": error("No such report filed by this client"),
            "429": limited,
          },
        },
      },
      "/api/v1/links/verdict": {
        get: {
          ...keyed,
          summary: "What to do with a link the user tapped: allow, warn or block, with reasons in English and Chinese",
          parameters: [
            { name: "url", in: "query", required: true, schema: { type: "string", maxLength: 2048 } },
            { name: "mode", in: "query", required: false, schema: { type: "string", enum: ["standard", "strict", "relaxed"], default: "standard" } },
          ],
          responses: {
            "200": json("LinkVerdict", "The verdict; keep it at most ttlSeconds"),
            "400": error("Missing or invalid url, unknown mode or unknown parameter"),
            "401": error("No valid key"),
            "429": limited,
          },
        },
      },
      "/api/v1/links/verdicts": {
        post: {
          ...keyed,
          summary: "Verdicts for up to 500 links at once, read at one moment; an invalid link gets an error entry in its place",
          requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/VerdictBatchRequest" } } } },
          responses: {
            "200": json("VerdictBatchResult", "One result per link, in order"),
            "400": error("Malformed JSON, no links, more than 500, or an unknown mode"),
            "401": error("No valid key"),
            "413": error("The body is larger than a full batch can be"),
            "429": limited,
          },
        },
      },
      "/api/v1/links/feed": {
        get: {
          ...keyed,
          summary: "Every verdict change in order, to mirror verdicts and check links locally",
          description:
            "Keys are the SHA-256 hex of a verdict's lookup expression; keyType is its scope (url, path, host, domain) and params (url scope) the SHA-256 hex of each query parameter a link must carry. Apply changes in seq order; an L0 row means that verdict stopped holding its key. A link meets the rows under its lookup expressions (README, Mirroring verdicts); the strongest unexpired verdict applies: higher level, then wider scope, then later expiry, then the earlier verdict. A format other than the one a mirror was built from means: start again from since=0.",
          parameters: [
            { name: "since", in: "query", required: false, schema: { type: "integer", minimum: 0, default: 0 } },
            { name: "limit", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 1000, default: 1000 } },
          ],
          responses: {
            "200": json("VerdictFeedPage", "Changes after since, oldest first"),
            "400": error("since or limit is not valid"),
            "401": error("No valid key"),
            "429": limited,
          },
        },
      },
    },
  };
}

let cached: ReturnType<typeof buildOpenApiDocument> | undefined;

export function openApiDocument({ res }: RouteContext) {
  sendJson(res, 200, (cached ??= buildOpenApiDocument()), { "cache-control": "public, max-age=300" });
}
