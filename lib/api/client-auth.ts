import type { IncomingMessage } from "node:http";
import { and, eq, isNull } from "drizzle-orm";
import { apiClients } from "@/db/schema";
import { hashApiKey } from "@/lib/api-clients/key";
import { type Db, getDb } from "@/lib/db";

export type ApiClient = { id: number; name: string; requestsPerMinute: number };

/** `Authorization: Bearer <key>` → the client it belongs to, unless revoked. */
export function authenticateClient(req: IncomingMessage, db: Db = getDb()): ApiClient | null {
  const header = req.headers.authorization;
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  if (!match?.[1]) return null;
  const row = db
    .select({ id: apiClients.id, name: apiClients.name, requestsPerMinute: apiClients.requestsPerMinute })
    .from(apiClients)
    .where(and(eq(apiClients.keyHash, hashApiKey(match[1])), isNull(apiClients.revokedAt)))
    .get();
  return row ?? null;
}
