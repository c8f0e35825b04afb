// The verdict API's requests and answers; the OpenAPI document is generated from these.
import { z } from "zod";
import { grades, levels, verdictScopes } from "@/db/schema";
import { MAX_LINK_LENGTH } from "@/lib/links/canonicalize";
import { verdictModes } from "./modes";

export const MAX_BATCH_URLS = 500;
export const MAX_FEED_PAGE = 1000;

const mode = z
  .enum(verdictModes, { message: "mode must be standard, strict or relaxed" })
  .default("standard")
  .describe("The user's own choice: standard (default), strict or relaxed. No mode lifts a block.");

const url = z
  .string({ message: "url is required" })
  .min(1, { message: "url is required" })
  .max(MAX_LINK_LENGTH, { message: `url may be at most ${MAX_LINK_LENGTH} characters` });

export const verdictQuerySchema = z.strictObject({
  url: url.describe("The link as the user tapped it; Linkdesk canonicalizes it."),
  mode,
});

export const verdictBatchSchema = z.strictObject({
  urls: z
    .array(url, { message: "urls must be an array of links" })
    .min(1, { message: "urls must hold at least one link" })
    .max(MAX_BATCH_URLS, { message: `urls may hold at most ${MAX_BATCH_URLS} links` }),
  mode,
});

export const feedQuerySchema = z.strictObject({
  since: z.coerce
    .number({ message: "since must be a whole number" })
    .int({ message: "since must be a whole number" })
    .min(0, { message: "since must be 0 or more" })
    .default(0)
    .describe("The last sequence number the client has applied; 0 for everything."),
  limit: z.coerce
    .number({ message: "limit must be a whole number" })
    .int({ message: "limit must be a whole number" })
    .min(1, { message: `limit must be 1–${MAX_FEED_PAGE}` })
    .max(MAX_FEED_PAGE, { message: `limit must be 1–${MAX_FEED_PAGE}` })
    .default(MAX_FEED_PAGE),
});

const level = z.enum(levels);

const reasonSchema = z.object({
  kind: z.enum(["verdict", "caution"]).describe("verdict: the decision's rule; caution: a warning of the chosen mode"),
  code: z.string().describe("A category code for verdicts, a caution code otherwise"),
  level: level.optional(),
  en: z.string(),
  zh: z.string(),
});

export const linkVerdictSchema = z.object({
  verdict: z.enum(["allow", "warn", "block"]),
  level: level.describe("The handling level in force on the link or its domain; L0 when none"),
  shareable: z.boolean().describe("False from L2 up: not to be shared to groups or moments"),
  reasons: z.array(reasonSchema),
  canonicalUrl: z.string(),
  platform: z
    .object({
      id: z.number().int(),
      slug: z.string(),
      name: z.string(),
      nameZh: z.string(),
      grade: z.enum(grades).nullable().describe("Null until the platform has a rating"),
      provisional: z.boolean(),
      overridden: z.boolean(),
    })
    .nullable()
    .describe("Null for links of unregistered sites"),
  expiresAt: z.string().nullable().describe("When the verdict stops applying; null: until lifted, or no verdict"),
  ttlSeconds: z.number().int().describe("How long the client may keep this answer"),
  mode: z.enum(verdictModes),
});

export const verdictBatchResultSchema = z.object({
  results: z.array(
    z.union([
      linkVerdictSchema.extend({ url: z.string() }),
      z.object({ url: z.string(), error: z.object({ code: z.string(), message: z.string() }) }),
    ]),
  ),
});

export const feedPageSchema = z.object({
  changes: z.array(
    z.object({
      seq: z.number().int(),
      verdictId: z.number().int(),
      keyType: z.enum(verdictScopes).describe("The verdict's scope: how it holds on its key (README, \"Mirroring verdicts\")"),
      key: z.string().describe("SHA-256 hex of the verdict's lookup expression (host + path)"),
      params: z
        .array(z.string())
        .nullable()
        .describe("url scope: SHA-256 hex of each query parameter (name=value) a link must carry; null otherwise"),
      level: level.describe("L0: this verdict stopped holding the key (lifted)"),
      expiresAt: z.string().nullable(),
      changedAt: z.string(),
    }),
  ),
  format: z.literal(2).describe("The key format; a mirror built from another format starts again from since=0"),
  nextSince: z.number().int().describe("Pass as since= for the next page"),
  hasMore: z.boolean(),
});
