import { asc, desc, eq } from "drizzle-orm";
import { apiClients, platforms, users } from "@/db/schema";
import { forgetApiClients } from "@/lib/api/client-auth";
import { recordAudit } from "@/lib/audit/record";
import { ActionError } from "@/lib/auth/action-result";
import type { Db } from "@/lib/db";
import { nowIso } from "@/lib/time/now";
import { hashApiKey, keyPrefix, newApiKey } from "./key";

type Who = { actorId: number; requestId?: string | null };

export type NewApiClient = { name: string; requestsPerMinute: number; platformId?: number | null };

/**
 * Creates a client and returns its key: the only time the key exists outside the caller. A client
 * that acts for a platform may answer that platform's rectification notices; "independent sites"
 * is nobody's platform and gets no notices, so no client acts for it.
 */
export function createApiClient(db: Db, who: Who, input: NewApiClient) {
  const key = newApiKey();
  const platformId = input.platformId ?? null;
  return db.transaction(
    (tx) => {
      if (platformId !== null) {
        const platform = tx.select({ isIndependent: platforms.isIndependent }).from(platforms).where(eq(platforms.id, platformId)).get();
        if (!platform || platform.isIndependent) {
          throw new ActionError("invalid", "errors.invalid", { platformId: ["apiClients.errors.platformInvalid"] });
        }
      }
      const created = tx
        .insert(apiClients)
        .values({
          name: input.name,
          keyPrefix: keyPrefix(key),
          keyHash: hashApiKey(key),
          requestsPerMinute: input.requestsPerMinute,
          platformId,
          createdBy: who.actorId,
          createdAt: nowIso(),
        })
        .returning({ id: apiClients.id })
        .get();
      recordAudit(tx, {
        actorId: who.actorId,
        action: "api_client.created",
        targetType: "api_client",
        targetId: created.id,
        after: { name: input.name, keyPrefix: keyPrefix(key), requestsPerMinute: input.requestsPerMinute, platformId },
        requestId: who.requestId,
      });
      return { id: created.id, key };
    },
    { behavior: "immediate" },
  );
}

export function revokeApiClient(db: Db, who: Who, clientId: number) {
  const result = db.transaction(
    (tx) => {
      const client = tx.select().from(apiClients).where(eq(apiClients.id, clientId)).get();
      if (!client) throw new ActionError("not_found", "apiClients.errors.notFound");
      if (client.revokedAt) return { changed: false };
      const revokedAt = nowIso();
      tx.update(apiClients).set({ revokedAt }).where(eq(apiClients.id, clientId)).run();
      recordAudit(tx, {
        actorId: who.actorId,
        action: "api_client.revoked",
        targetType: "api_client",
        targetId: clientId,
        before: { revokedAt: null },
        after: { revokedAt },
        requestId: who.requestId,
      });
      return { changed: true };
    },
    { behavior: "immediate" },
  );
  // The API layer remembers valid keys: a revoked one must stop working with the next request.
  forgetApiClients();
  return result;
}

export function listApiClients(db: Db) {
  return db
    .select({
      id: apiClients.id,
      name: apiClients.name,
      keyPrefix: apiClients.keyPrefix,
      requestsPerMinute: apiClients.requestsPerMinute,
      createdAt: apiClients.createdAt,
      revokedAt: apiClients.revokedAt,
      createdBy: users.name,
      platformId: apiClients.platformId,
      platformName: platforms.name,
      platformNameZh: platforms.nameZh,
    })
    .from(apiClients)
    .leftJoin(users, eq(users.id, apiClients.createdBy))
    .leftJoin(platforms, eq(platforms.id, apiClients.platformId))
    .orderBy(desc(apiClients.id))
    .all();
}

/** The platforms a client may act for: every registered one except "independent sites". */
export function platformsClientsMayActFor(db: Db) {
  return db
    .select({ id: platforms.id, name: platforms.name, nameZh: platforms.nameZh })
    .from(platforms)
    .where(eq(platforms.isIndependent, false))
    .orderBy(asc(platforms.name))
    .all();
}
