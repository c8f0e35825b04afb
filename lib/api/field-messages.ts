import type { ZodError } from "zod";
import en from "@/lib/i18n/messages/en.json";

type Catalog = { [key: string]: string | Catalog };

/** The API speaks English: field errors (catalog keys, shared with the console) become sentences. */
export function englishMessage(key: string): string {
  let node: string | Catalog | undefined = en as Catalog;
  for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
  return typeof node === "string" ? node : key;
}

export function englishFields(fieldErrors: Record<string, string[]> | undefined): Record<string, string[]> | undefined {
  if (!fieldErrors) return undefined;
  return Object.fromEntries(Object.entries(fieldErrors).map(([field, keys]) => [field, keys.map(englishMessage)]));
}

/**
 * A failed body parse as the API's per-field messages: catalog keys become English sentences, unknown
 * fields are named. Any other message becomes "not valid", or stays as written with `otherMessages:
 * "as_written"` for schemas whose messages are English already.
 */
export function apiFieldErrors(error: ZodError, options: { otherMessages?: "not_valid" | "as_written" } = {}): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = issue.code === "unrecognized_keys" ? issue.keys.join(", ") : issue.path.join(".") || "body";
    const isKey = englishMessage(issue.message) !== issue.message;
    const message =
      issue.code === "unrecognized_keys"
        ? "Unknown field"
        : isKey
          ? englishMessage(issue.message)
          : options.otherMessages === "as_written"
            ? issue.message
            : englishMessage("validation.invalid");
    (fields[field] ??= []).push(message);
  }
  return fields;
}
