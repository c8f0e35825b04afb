// One set of schemas for the client API and the portal; the OpenAPI document is generated from them.
import { z } from "zod";
import { scenes } from "@/db/schema";
import { categoryCodes } from "@/lib/rules/categories";

export const MAX_URL_LENGTH = 2048;
export const MAX_DESCRIPTION_LENGTH = 500;

const complaintFields = {
  url: z
    .string({ message: "validation.url.empty" })
    .trim()
    .min(1, { message: "validation.url.empty" })
    .max(MAX_URL_LENGTH, { message: "validation.url.too_long" })
    .describe(
      "The link as the user saw it, or the app's share text around it (the link is taken out of the text, which is kept); Linkdesk canonicalizes it.",
    ),
  category: z.enum(categoryCodes, { message: "validation.category" }).describe("The reason for the complaint."),
  scene: z.enum(scenes, { message: "validation.scene" }).describe("Where the user met the link."),
  description: z
    .string({ message: "validation.descriptionTooLong" })
    .max(MAX_DESCRIPTION_LENGTH, { message: "validation.descriptionTooLong" })
    .optional()
    .describe("What the user wants to add, at most 500 characters."),
};

export const reportRequestSchema = z
  .strictObject({
    ...complaintFields,
    reporterId: z
      .string({ message: "validation.reporterId" })
      .min(1, { message: "validation.reporterId" })
      .max(128, { message: "validation.reporterId" })
      .describe("The app's pseudonymous id of the user; only a keyed hash of it is stored."),
  });

export const portalReportSchema = z.object({
  ...complaintFields,
  // Share text with several links: the one the reporter chose (the form asks).
  chosenUrl: z.string().max(MAX_URL_LENGTH).optional().transform((v) => v || null),
  description: z
    .string()
    .max(MAX_DESCRIPTION_LENGTH, { message: "validation.descriptionTooLong" })
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : undefined)),
});

export const idempotencyKeySchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, "printable ASCII without spaces");

export const reportIdSchema = z.coerce.number().int().positive();

const platformSchema = z.object({ id: z.number().int(), name: z.string() }).nullable();

export const reportReceiptSchema = z
  .object({
    id: z.number().int(),
    trackingCode: z.string().describe("Show it to the user: it opens /report/status/<code>."),
    caseId: z.number().int(),
    canonicalUrl: z.string(),
    registrableDomain: z.string(),
    platform: platformSchema.describe("Null for independent sites."),
    status: z.enum(["received", "in_review", "decided"]),
    shareText: z
      .object({ filedUrl: z.string(), linksFound: z.number().int() })
      .optional()
      .describe("Present when url held share text: the link filed (the first, when the text held several) and how many links it held."),
  });

export const reportStatusSchema = reportReceiptSchema
  .extend({
    category: z.enum(categoryCodes),
    scene: z.enum(scenes),
    filedAt: z.string().describe("UTC, ISO 8601"),
    outcome: z
      .object({
        outcome: z.enum(["violation", "no_violation", "insufficient_evidence"]),
        category: z.string().nullable(),
        publicNote: z.string().nullable(),
        decidedAt: z.string(),
      })
      .nullable(),
  });

export const apiErrorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      fields: z.record(z.string(), z.array(z.string())).optional(),
    }),
  });
