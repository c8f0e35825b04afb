import type { IncomingMessage } from "node:http";
import { and, eq, isNull, sql } from "drizzle-orm";
import { apiClients } from "@/db/schema";
import { hashApiKey } from "@/lib/api-clients/key";
import { type Db, getDb } from "@/lib/db";

/** `platformId`: set for a platform's own client, which may answer that platform's notices. */
export type ApiClient = { id: number; name: string; requestsPerMinute: number; platformId: number | null };

/** `Authorization: Bearer <key>` → the client it belongs to, unless revoked. */
export function authenticateClient(req: IncomingMessage, db: Db = getDb()): ApiClient | null {
  const header = req.headers.authorization;
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  if (!match?.[1]) return null;
  return clientByKeyHash(db).get({ keyHash: hashApiKey(match[1]) }) ?? null;
}

// Every API request looks its key up: the statement is prepared once per SQLite connection.
const prepared = new WeakMap<object, ReturnType<typeof prepareClientByKeyHash>>();

const prepareClientByKeyHash = (db: Db) =>
  db
    .select({ id: apiClients.id, name: apiClients.name, requestsPerMinute: apiClients.requestsPerMinute, platformId: apiClients.platformId })
    .from(apiClients)
    .where(and(eq(apiClients.keyHash, sql.placeholder("keyHash")), isNull(apiClients.revokedAt)))
    .prepare();

function clientByKeyHash(db: Db) {
  let statement = prepared.get(db.$client);
  if (!statement) {
    statement = prepareClientByKeyHash(db);
    prepared.set(db.$client, statement);
  }
  return statement;
}
