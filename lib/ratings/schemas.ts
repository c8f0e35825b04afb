import { z } from "zod";
import { grades } from "@/db/schema";

const platformId = z.coerce.number({ message: "validation.invalid" }).int({ message: "validation.invalid" }).positive({ message: "validation.invalid" });

export const overrideSchema = z.object({
  platformId,
  grade: z.enum(grades, { message: "validation.invalid" }),
  reason: z.string({ message: "validation.required" }).max(1000, { message: "validation.tooLong" }),
  /** A date (YYYY-MM-DD, the override ends at its start in UTC) or a full ISO time. */
  endsAt: z.string({ message: "validation.required" }).min(1, { message: "validation.required" }),
});

export const endOverrideSchema = z.object({ platformId });
