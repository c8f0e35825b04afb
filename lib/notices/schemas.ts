// One set of schemas for the console's answer form and the client API; the OpenAPI document is
// generated from them. Messages are catalog keys (the API turns them into English).
import { z } from "zod";
import { levels } from "@/db/schema";
import { MAX_ANSWER_LENGTH } from "./answer-notice";
import { noticeStates } from "./notice-state";

// Counted in characters (code points), as answerNotice counts them; zod's max counts UTF-16 units.
const answerText = z
  .string({ message: "validation.required" })
  .trim()
  .min(1, { message: "validation.required" })
  .refine((answer) => [...answer].length <= MAX_ANSWER_LENGTH, { message: "validation.tooLong" })
  .meta({ maxLength: MAX_ANSWER_LENGTH, description: "What the platform did about the link, 1–2,000 characters." });

const positiveId = z.coerce
  .number({ message: "validation.number" })
  .int({ message: "validation.number" })
  .positive({ message: "validation.invalid" });

/** The console: a manager records the platform's answer on its behalf (form fields are strings). */
export const answerNoticeSchema = z.object({ noticeId: positiveId, answer: answerText });

/** POST /api/v1/notices/{id}/response */
export const noticeAnswerRequestSchema = z.strictObject({ answer: answerText });

/** A notice id in a path or a cursor: digits only, so "1e3" or "0x10" is not quietly some other id. */
export const noticeIdSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,14}$/, { message: "A positive whole number" })
  .transform(Number);

export const API_NOTICE_STATES = ["open", "overdue", "answered"] as const;
export const MAX_API_PAGE = 100;

/** GET /api/v1/notices query parameters. */
export const noticeListQuerySchema = z.strictObject({
  state: z.enum(API_NOTICE_STATES, { message: "Use open, overdue or answered" }).optional(),
  after: noticeIdSchema.optional().meta({ description: "The last id of the previous page (nextAfter)." }),
  limit: z
    .string()
    .regex(/^[0-9]{1,3}$/, { message: `A whole number from 1 to ${MAX_API_PAGE}` })
    .transform(Number)
    .refine((n) => n >= 1 && n <= MAX_API_PAGE, { message: `A whole number from 1 to ${MAX_API_PAGE}` })
    .optional(),
});

export const apiNoticeSchema = z
  .object({
    id: z.number().int(),
    platformId: z.number().int(),
    caseId: z.number().int(),
    canonicalUrl: z.string().describe("The link the decision was about."),
    category: z.string().nullable().describe("The confirmed violation's category code."),
    level: z.enum(levels).describe("The handling level decided."),
    state: z.enum(noticeStates),
    sentAt: z.string().describe("UTC, ISO 8601."),
    deadlineAt: z.string().describe("24 hours after sending for a critical violation, 48 otherwise."),
    answeredAt: z.string().nullable(),
    answer: z.string().nullable(),
    onTime: z.boolean().nullable().describe("Whether the answer came by the deadline; null while unanswered."),
  })
  .describe("A rectification notice to the platform the client acts for.");

export const apiNoticePageSchema = z.object({
  notices: z.array(apiNoticeSchema),
  nextAfter: z.number().int().nullable().describe("Pass as after= for the next page; null on the last page."),
});
