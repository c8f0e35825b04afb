import { z } from "zod";
import { locales, roles } from "@/db/schema";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";

export const staffIdField = z.coerce.number({ message: "validation.invalid" }).int().positive({ message: "validation.invalid" });

export const newStaffSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email({ message: "validation.email" })).pipe(z.string().max(320)),
  name: z.string().trim().min(1, { message: "validation.required" }).max(120, { message: "validation.tooLong" }),
  role: z.enum(roles, { message: "validation.role" }),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, { message: "validation.passwordTooShort" })
    .max(1024, { message: "validation.tooLong" }),
});

export const roleChangeSchema = z.object({ userId: staffIdField, role: z.enum(roles, { message: "validation.role" }) });
export const disableSchema = z.object({
  userId: staffIdField,
  disabled: z.enum(["true", "false"], { message: "validation.invalid" }).transform((v) => v === "true"),
});
export const unlockSchema = z.object({ userId: staffIdField });
export const localeSchema = z.object({ locale: z.enum(locales, { message: "validation.invalid" }) });

const knownTimeZones = new Set(Intl.supportedValuesOf("timeZone"));
knownTimeZones.add("UTC");

export const timeZoneSchema = z.object({
  timeZone: z.string().refine((zone) => knownTimeZones.has(zone), { message: "validation.timeZone" }),
});

export const passwordChangeSchema = z
  .object({
    currentPassword: z.string().min(1, { message: "validation.required" }).max(1024, { message: "validation.tooLong" }),
    newPassword: z
      .string()
      .min(MIN_PASSWORD_LENGTH, { message: "validation.passwordTooShort" })
      .max(1024, { message: "validation.tooLong" }),
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { message: "validation.passwordsDiffer", path: ["confirmPassword"] });
