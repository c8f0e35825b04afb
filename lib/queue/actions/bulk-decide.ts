import { z } from "zod";
import { outcomes } from "@/db/schema";
import { defineAction } from "@/lib/auth/define-action";
import { getDb } from "@/lib/db";
import { categoryCodes } from "@/lib/rules/categories";
import { MAX_BULK_CASES, bulkDecide } from "../bulk-decide";

/** A selected row as the queue's checkbox sends it: "caseId:version". */
const selectedCase = z
  .string()
  .regex(/^\d+:\d+$/, "validation.invalid")
  .transform((value) => {
    const [caseId, caseVersion] = value.split(":").map(Number);
    return { caseId: caseId!, caseVersion: caseVersion! };
  });

const blank = (value: unknown) => (value === "" ? null : value);

export const bulkLevels = ["L0", "L1", "L2", "L3", "L4"] as const;

export const bulkDecisionSchema = z.object({
  cases: z.preprocess(
    // The queue's form sends the selection as one field, "12:3,15:1" (a form field repeated would be lost).
    (value) => (value === undefined || value === "" ? [] : Array.isArray(value) ? value : String(value).split(",")),
    z.array(selectedCase).min(1, "queue.bulk.errors.caseCount").max(MAX_BULK_CASES, "queue.bulk.errors.caseCount"),
  ),
  outcome: z.enum(outcomes, { message: "validation.invalid" }),
  category: z.enum(categoryCodes, { message: "validation.category" }),
  // L5 is decided beside a level (sanctionProvider), and a path scope belongs to one link: neither in bulk.
  level: z.enum(bulkLevels, { message: "validation.invalid" }),
  scope: z.preprocess((v) => (v === "" || v === undefined ? "url" : v), z.enum(["url", "host"], { message: "validation.invalid" })),
  sanctionProvider: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
  durationHours: z.preprocess(blank, z.coerce.number().int().positive("decisions.errors.durationInvalid").nullable()).default(null),
  rationale: z.preprocess(blank, z.string().max(2000).nullable()).default(null),
  publicNote: z.preprocess(blank, z.string().max(2000).nullable()).default(null),
});

export const bulkDecideAction = defineAction({
  name: "cases.bulk_decide",
  permission: "cases.decide",
  input: bulkDecisionSchema,
  handler: (input, { actor, requestId }) => {
    const result = bulkDecide(getDb(), actor, input, { requestId });
    return { decided: result.decided.length };
  },
});
