// One set of schemas for restore requests, used by the portal, the client API and the console; the
// OpenAPI document is generated from them. Messages are message-catalog keys of the "restore"
// namespace: the domain function validates (lib/restore/submit.ts), so the portal and the API answer
// the same refusal in the same words.
import { z } from "zod";
import { levels } from "@/db/schema";
import { MAX_URL_LENGTH } from "@/lib/reports/schemas";
import { trackingCodePattern } from "@/lib/reports/tracking-code";
import { MAX_CONTACT_LENGTH, MAX_EXPLANATION_LENGTH, MIN_EXPLANATION_LENGTH, requesterKinds } from "./limits";

export * from "./limits";

/** Characters as a person counts them (code points): "网页已整改" is 5, not 15 bytes. */
const length = (text: string) => [...text].length;

// An email address, or a phone number as people write one: digits with spaces, dashes, dots,
// brackets and a leading +, at least 6 digits.
const PHONE = /^\+?[0-9 ().-]+$/;
const isPhone = (text: string) => PHONE.test(text) && (text.match(/[0-9]/g)?.length ?? 0) >= 6;
const isEmail = (text: string) => z.email().safeParse(text).success;

export const restoreFields = {
  url: z
    .string({ message: "restore.errors.urlEmpty" })
    .trim()
    .min(1, { message: "restore.errors.urlEmpty" })
    .max(MAX_URL_LENGTH, { message: "validation.url.too_long" })
    .describe("The blocked link, as the requester has it; Linkdesk canonicalizes it."),
  requester: z
    .enum(requesterKinds, { message: "restore.errors.requester" })
    .describe("Who asks: the owner of the linked page, or the platform that hosts it."),
  contact: z
    .string({ message: "restore.errors.contact" })
    .trim()
    .max(MAX_CONTACT_LENGTH, { message: "restore.errors.contactTooLong" })
    .refine((text) => isEmail(text) || isPhone(text), { message: "restore.errors.contact" })
    .describe("An email address or phone number where a reviewer can reach the requester; never shown publicly."),
  explanation: z
    .string({ message: "restore.errors.explanationLength" })
    .trim()
    .refine((text) => length(text) >= MIN_EXPLANATION_LENGTH && length(text) <= MAX_EXPLANATION_LENGTH, {
      message: "restore.errors.explanationLength",
    })
    .describe("What was fixed on the page, 20–2,000 characters."),
};

/** The client API's request body: unknown fields are refused. */
export const restoreRequestSchema = z.strictObject(restoreFields);

/** What submitRestoreRequest validates, whoever calls it. */
export const restoreInputSchema = z.object(restoreFields);
export type RestoreInput = z.output<typeof restoreInputSchema>;

// The portal form posts text; validation proper is the domain function's, so that its catalog keys
// reach the form unchanged (the action wrapper keeps only "validation.*" keys of its own schema).
const formText = z.string().optional().default("");
export const portalRestoreFormSchema = z.object({
  url: formText,
  chosenUrl: z.string().max(2048).optional().transform((v) => v || null),
  requester: formText,
  contact: formText,
  explanation: formText,
});

export const reviewDecisions = ["approve", "reject"] as const;
export type ReviewDecision = (typeof reviewDecisions)[number];

export const reviewRestoreSchema = z.object({
  restoreRequestId: z.coerce.number({ message: "validation.invalid" }).int().positive({ message: "validation.invalid" }),
  decision: z.enum(reviewDecisions, { message: "validation.invalid" }),
  note: z.string().optional().default(""),
});

export const trackingCodeParamSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(trackingCodePattern, "a tracking code such as LD-7KQ4M2XW");

const verdictSummary = z.object({
  level: z.enum(levels).describe("L1 warn, L2 restrict sharing, L3 block URL, L4 block domain"),
  category: z.string(),
});

export const restoreStatuses = ["pending", "approved", "rejected"] as const;

/**
 * What the requester learns once reviewed: "lifted" (approved, the restriction is gone), "ended"
 * (approved, but it had already expired or been lifted), "kept" (rejected). Never the review note.
 */
export const publicOutcomes = ["lifted", "ended", "kept"] as const;
export type PublicOutcome = (typeof publicOutcomes)[number];

export const restoreReceiptSchema = z.object({
  trackingCode: z.string().describe("Show it to the requester: it opens /report/restore/status/<code>."),
  status: z.enum(restoreStatuses),
  canonicalUrl: z.string(),
  verdict: verdictSummary.describe("The verdict in force that the request asks to lift"),
  shareText: z
    .object({ filedUrl: z.string(), linksFound: z.number().int() })
    .optional()
    .describe("Present when url held share text: the link taken (the first, when the text held several) and how many links it held."),
});

export const restoreStatusSchema = restoreReceiptSchema.extend({
  requester: z.enum(requesterKinds),
  submittedAt: z.string().describe("UTC, ISO 8601"),
  reviewedAt: z.string().nullable().describe("UTC, ISO 8601; null while pending"),
  outcome: z.enum(publicOutcomes).nullable().describe("Null while pending"),
  message: z.string().describe("A short public sentence about the state of the request"),
});
