import { z } from "zod";

export const newApiClientSchema = z.object({
  name: z.string().trim().min(1, { message: "validation.required" }).max(120, { message: "validation.tooLong" }),
  requestsPerMinute: z.coerce
    .number({ message: "validation.number" })
    .int({ message: "validation.number" })
    .min(1, { message: "validation.rateLimitRange" })
    .max(1_000_000, { message: "validation.rateLimitRange" }),
  // The platform the client acts for: it may then answer that platform's rectification notices.
  // The form's "none" option sends "".
  platformId: z.preprocess(
    (value) => (value === "" || value === undefined ? null : value),
    z.coerce.number({ message: "validation.invalid" }).int({ message: "validation.invalid" }).positive({ message: "validation.invalid" }).nullable(),
  ),
});

export const revokeApiClientSchema = z.object({
  clientId: z.coerce.number({ message: "validation.invalid" }).int().positive({ message: "validation.invalid" }),
});
