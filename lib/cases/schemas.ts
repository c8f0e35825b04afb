// Form and action inputs for claiming, reassigning and escalating cases. Messages are catalog keys.
import { z } from "zod";

export const idField = z.coerce.number({ message: "validation.invalid" }).int().positive({ message: "validation.invalid" });
export const versionField = z.coerce.number({ message: "validation.invalid" }).int().positive({ message: "validation.invalid" });
const text = (max: number) => z.string({ message: "validation.required" }).max(max, { message: "validation.tooLong" });

export const caseIdSchema = z.object({ caseId: idField });
export const reassignSchema = z.object({ caseId: idField, assigneeId: idField, reason: text(1000) });
export const escalateSchema = z.object({ caseId: idField, caseVersion: versionField, note: text(2000) });
