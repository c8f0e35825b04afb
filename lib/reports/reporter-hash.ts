import { createHmac } from "node:crypto";
import { env } from "@/lib/env";

/**
 * Reporters are known only by a keyed hash of the client app's pseudonymous id (or of the portal's
 * per-browser visitor id), so a stolen database does not reveal who complained.
 */
export function reporterHash(reporterId: string, key = reporterHashKey()): string {
  return createHmac("sha256", key).update(reporterId).digest("hex");
}

export function portalReporterId(visitorId: string): string {
  return `portal:${visitorId}`;
}

function reporterHashKey(): string {
  const key = env().REPORTER_HASH_KEY ?? process.env.REPORTER_HASH_KEY;
  if (!key) throw new Error("REPORTER_HASH_KEY is not set");
  return key;
}
