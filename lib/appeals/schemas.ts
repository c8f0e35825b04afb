// One set of schemas for appeals: the client API's request body, the console's decision form and the
// API's answers (the OpenAPI document is generated from them). Messages are catalog keys of the
// "appeals" namespace, so the API and the console refuse in the same words.
import { z } from "zod";

export const APPEAL_WINDOW_DAYS = 30;
export const MIN_APPEAL_REASON_LENGTH = 20;
export const MAX_APPEAL_REASON_LENGTH = 2000;
export const MIN_APPEAL_NOTE_LENGTH = 10;
export const MAX_APPEAL_NOTE_LENGTH = 2000;

export const appealStatuses = ["pending", "upheld", "overturned"] as const;
export type AppealStatus = (typeof appealStatuses)[number];

/** Who may appeal over the client API: the link_owner appellant of the schema has no client identity. */
export const apiAppellants = ["reporter", "platform"] as const;

/** Characters as a person counts them (code points). */
const length = (text: string) => [...text].length;

const id = (description: string) =>
  z.number({ message: "appeals.errors.idInvalid" }).int({ message: "appeals.errors.idInvalid" }).positive({ message: "appeals.errors.idInvalid" }).describe(description);

const appealFields = {
  reportId: id("One of this client's reports: appeals the decision that now stands on its case (appellant reporter).").optional(),
  decisionId: id("A decision on a link of the platform this client acts for (appellant platform).").optional(),
  appellant: z.enum(apiAppellants, { message: "appeals.errors.appellant" }).describe("reporter with reportId; platform with decisionId"),
  reason: z
    .string({ message: "appeals.errors.reasonLength" })
    .trim()
    .refine((text) => length(text) >= MIN_APPEAL_REASON_LENGTH && length(text) <= MAX_APPEAL_REASON_LENGTH, { message: "appeals.errors.reasonLength" })
    .describe("Why the decision is wrong, 20–2,000 characters."),
};

/** Which decision the appeal names, and as whom: a report for reporters, a decision for platforms. */
function identifiesOneDecision(value: { reportId?: number; decisionId?: number; appellant: string }, ctx: z.RefinementCtx) {
  const both = value.reportId !== undefined && value.decisionId !== undefined;
  const neither = value.reportId === undefined && value.decisionId === undefined;
  if (both || neither) {
    ctx.addIssue({ code: "custom", path: ["reportId"], message: "appeals.errors.oneIdentifier" });
    return;
  }
  if (value.appellant === "reporter" && value.reportId === undefined) {
    ctx.addIssue({ code: "custom", path: ["reportId"], message: "appeals.errors.reporterNeedsReport" });
  }
  if (value.appellant === "platform" && value.decisionId === undefined) {
    ctx.addIssue({ code: "custom", path: ["decisionId"], message: "appeals.errors.platformNeedsDecision" });
  }
}

/** The client API's request body: unknown fields are refused. */
export const appealRequestSchema = z.strictObject(appealFields).superRefine(identifiesOneDecision);
/** What fileAppeal validates, whoever calls it. */
export const appealInputSchema = z.object(appealFields).superRefine(identifiesOneDecision);
export type AppealInput = z.output<typeof appealInputSchema>;

export const appealReceiptSchema = z.object({
  appealId: z.number().int().describe("Keep it: GET /api/v1/appeals/{appealId} answers its status"),
  status: z.enum(appealStatuses),
});

export const appealStatusSchema = appealReceiptSchema.extend({
  appellant: z.enum(apiAppellants),
  decisionId: z.number().int(),
  submittedAt: z.string().describe("UTC, ISO 8601"),
  decidedAt: z.string().nullable().describe("UTC, ISO 8601; null while pending"),
  message: z.string().describe("A short public sentence about the state of the appeal; never the internal note"),
});

export const appealDecisions = ["uphold", "overturn"] as const;
export type AppealDecision = (typeof appealDecisions)[number];

export const decideAppealSchema = z.object({
  appealId: z.coerce.number({ message: "validation.invalid" }).int().positive({ message: "validation.invalid" }),
  decision: z.enum(appealDecisions, { message: "validation.invalid" }),
  note: z.string().optional().default(""),
});
