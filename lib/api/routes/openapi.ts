import { z } from "zod";
import { apiErrorSchema, reportReceiptSchema, reportRequestSchema, reportStatusSchema } from "@/lib/reports/schemas";
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
      description: "For client apps: file complaints about links and follow them. Every error has the Error shape.",
    },
    servers: [{ url: "/" }],
    components: {
      securitySchemes: { clientKey: { type: "http", scheme: "bearer", description: "A client API key from the admin pages" } },
      schemas: {
        ReportRequest: schema(reportRequestSchema, "input"),
        ReportReceipt: schema(reportReceiptSchema),
        ReportStatus: schema(reportStatusSchema),
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
    },
  };
}

let cached: ReturnType<typeof buildOpenApiDocument> | undefined;

export function openApiDocument({ res }: RouteContext) {
  sendJson(res, 200, (cached ??= buildOpenApiDocument()), { "cache-control": "public, max-age=300" });
}
