import type { IncomingMessage } from "node:http";
import { and, eq, isNull, sql } from "drizzle-orm";
import { apiClients } from "@/db/schema";
import { hashApiKey } from "@/lib/api-clients/key";
import { type Db, getDb } from "@/lib/db";

/** `platformId`: set for a platform's own client, which may answer that platform's notices. */
export type ApiClient = { id: number; name: string; requestsPerMinute: number; platformId: number | null };

/** `Authorization: Bearer <key>` → the client it belongs to, unless revoked. */
export function authenticateClient(req: IncomingMessage, db: Db = getDb(), nowMs = Date.now()): ApiClient | null {
  const header = req.headers.authorization;
  if (header === undefined) return null;
  const cache = knownClients(db, nowMs);
  // The header as sent, for a key already seen: no hashing on every request of a busy client.
  const seen = cache.byHeader.get(header);
  if (seen) return seen;
  const match = header.match(/^Bearer\s+(\S+)\s*$/i);
  if (!match?.[1]) return null;
  const keyHash = hashApiKey(match[1]);
  const client = cache.byKeyHash.get(keyHash) ?? clientByKeyHash(db).get({ keyHash }) ?? null;
  // Only valid keys are remembered, so a flood of made-up keys cannot grow the cache.
  if (client && cache.byKeyHash.size < MAX_CACHED_CLIENTS) {
    cache.byKeyHash.set(keyHash, client);
    cache.byHeader.set(header, client);
  }
  return client;
}

// Every API request presents a key; valid ones are kept in memory. A revocation in this process
// clears them at once (forgetApiClients, after its commit); a change made by another process is seen
// within CLIENT_CACHE_MAX_AGE_MS. Shared on globalThis by the API layer's and Next's module copies.
export const CLIENT_CACHE_MAX_AGE_MS = 30_000;
const MAX_CACHED_CLIENTS = 10_000;
type Known = { version: number; connection: unknown; at: number; byKeyHash: Map<string, ApiClient>; byHeader: Map<string, ApiClient> };
type ClientCache = { version: number; built: Known | null };
const globalCache = globalThis as unknown as { __linkdeskApiClients?: ClientCache };
const clientCache = (): ClientCache => (globalCache.__linkdeskApiClients ??= { version: 0, built: null });

function knownClients(db: Db, nowMs: number) {
  const c = clientCache();
  const built = c.built;
  if (built && built.version === c.version && built.connection === db.$client && nowMs - built.at < CLIENT_CACHE_MAX_AGE_MS) return built;
  c.built = { version: c.version, connection: db.$client, at: nowMs, byKeyHash: new Map(), byHeader: new Map() };
  return c.built;
}

/** Forgets every remembered key; call after committing a change to a client (revocation). */
export function forgetApiClients(): void {
  clientCache().version += 1;
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
