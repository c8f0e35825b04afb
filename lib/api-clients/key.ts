import { createHash, randomBytes } from "node:crypto";

/** Only this digest of a client key is stored; the key itself is shown to the admin once. */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function newApiKey(): string {
  return `ld_${randomBytes(24).toString("base64url")}`;
}

/** Enough of the key to recognise it in a list without being able to use it. */
export function keyPrefix(key: string): string {
  return key.slice(0, 10);
}
