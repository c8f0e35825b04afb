// Form inputs for deciding, undoing and reversing; decideCase itself checks what depends on the
// role, the case and the rulebook. Messages are catalog keys.
import { z } from "zod";
import { levels, outcomes, verdictScopes } from "@/db/schema";
import { idField, versionField } from "@/lib/cases/schemas";

const optionalText = (max: number) =>
  z
    .string()
    .max(max, { message: "validation.tooLong" })
    .optional()
    .transform((v) => v?.trim() || null);

// An empty duration field means "until lifted".
const durationField = z.preprocess(
  (v) => (v === "" || v === undefined || v === null ? null : v),
  z.coerce.number({ message: "decisions.errors.durationInvalid" }).int({ message: "decisions.errors.durationInvalid" }).positive({ message: "decisions.errors.durationInvalid" }).nullable(),
);

export const decideSchema = z.object({
  caseId: idField,
  caseVersion: versionField,
  outcome: z.enum(outcomes, { message: "decisions.errors.outcome" }),
  category: z.string({ message: "validation.category" }).min(1, { message: "validation.category" }).max(64),
  level: z.enum(levels, { message: "decisions.errors.level" }),
  scope: z.preprocess((v) => (v === "" ? undefined : v), z.enum(verdictScopes, { message: "decisions.errors.scope" }).optional()),
  scopePath: z.string().max(2048).optional().transform((v) => v?.trim() || null),
  // A checkbox: present ("on") when ticked.
  sanctionProvider: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
  durationHours: durationField,
  rationale: optionalText(4000),
  internalNote: optionalText(4000),
  publicNote: optionalText(2000),
});

export const decisionIdSchema = z.object({ decisionId: idField });
export const reverseSchema = z.object({ decisionId: idField, reason: z.string({ message: "validation.required" }).max(2000, { message: "validation.tooLong" }) });
