// What the rulebook editor accepts. The action wrapper keeps only validation.* keys from zod, so
// these schemas, whose messages are rules.errors.* keys, run inside the domain functions
// (`parseOrRefuse`): every caller gets the same checks and the same field errors, not just forms.
// Whether the rulebook as a whole may be published is a different question, answered at publishing
// by `rulebookProblems`: a draft may be inconsistent while a manager works on it.
import { z } from "zod";
import { ActionError } from "@/lib/auth/action-result";
import { categoryCodes } from "./categories";
import {
  MAX_DOMAIN_BLOCK_THRESHOLD,
  MAX_DURATION_HOURS,
  MAX_LADDER_STEPS,
  MAX_REASON_LENGTH,
  MAX_SUMMARY_LENGTH,
  MIN_SUMMARY_LENGTH,
  ladderLevels,
} from "./draft-limits";

/** Form fields arrive as strings; objects from tests and scripts arrive as they are. */
const fromJson = (value: unknown) => {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
};

const checkbox = (value: unknown) => {
  if (value === true || value === "true" || value === "on") return true;
  if (value === false || value === "false" || value === undefined || value === null || value === "") return false;
  return value;
};

const optionalWholeNumber = (value: unknown) => {
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") return value;
  const trimmed = value.trim();
  if (trimmed === "") return null;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : value;
};

const versionField = z.coerce
  .number({ message: "rules.errors.version" })
  .int({ message: "rules.errors.version" })
  .positive({ message: "rules.errors.version" });

const durationMessage = { message: "rules.errors.duration" };

export const ladderStepSchema = z.object({
  level: z.enum(ladderLevels, { message: "rules.errors.level" }),
  /** null: until lifted. */
  durationHours: z
    .number(durationMessage)
    .int(durationMessage)
    .min(1, durationMessage)
    .max(MAX_DURATION_HOURS, durationMessage)
    .nullable(),
});

const reason = z
  .string({ message: "rules.errors.reasonLength" })
  .trim()
  .min(1, { message: "rules.errors.reasonLength" })
  .max(MAX_REASON_LENGTH, { message: "rules.errors.reasonLength" });

/** One rule of the draft. Principle and severity are not here: they belong to the category table. */
export const draftRuleSchema = z.object({
  version: versionField,
  category: z.enum(categoryCodes, { message: "rules.errors.category" }),
  ladder: z.preprocess(
    fromJson,
    z
      .array(ladderStepSchema, { message: "rules.errors.ladderLength" })
      .min(1, { message: "rules.errors.ladderLength" })
      .max(MAX_LADDER_STEPS, { message: "rules.errors.ladderLength" }),
  ),
  allowsDomainBlock: z.preprocess(checkbox, z.boolean({ message: "rules.errors.domainBlock" })),
  /** Confirmed, unrectified links of a domain before L4 may be chosen; null: none set. */
  domainBlockThreshold: z.preprocess(
    optionalWholeNumber,
    z
      .number({ message: "rules.errors.threshold" })
      .int({ message: "rules.errors.threshold" })
      .min(2, { message: "rules.errors.threshold" })
      .max(MAX_DOMAIN_BLOCK_THRESHOLD, { message: "rules.errors.threshold" })
      .nullable(),
  ),
  reasonEn: reason,
  reasonZh: reason,
});
export type DraftRuleInput = z.input<typeof draftRuleSchema>;
export type DraftRuleChange = z.output<typeof draftRuleSchema>;

export const draftVersionSchema = z.object({ version: versionField });
export type DraftVersionInput = z.input<typeof draftVersionSchema>;

export const publishDraftSchema = z.object({
  version: versionField,
  summary: z
    .string({ message: "rules.errors.summaryLength" })
    .trim()
    .min(MIN_SUMMARY_LENGTH, { message: "rules.errors.summaryLength" })
    .max(MAX_SUMMARY_LENGTH, { message: "rules.errors.summaryLength" }),
});
export type PublishDraftInput = z.input<typeof publishDraftSchema>;

/** The action-level check of a payload the domain function validates in full. */
export const rulebookPayloadSchema = z.record(z.string(), z.unknown(), { message: "validation.invalid" });

/** Parses `raw` or throws the refusal with field errors by path ("ladder.0.durationHours"). */
export function parseOrRefuse<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path.length > 0 ? issue.path.join(".") : "_form";
    const key = issue.message.startsWith("rules.") || issue.message.startsWith("validation.") ? issue.message : "validation.invalid";
    const list = (fieldErrors[field] ??= []);
    if (!list.includes(key)) list.push(key);
  }
  throw new ActionError("invalid", "errors.invalid", fieldErrors);
}
