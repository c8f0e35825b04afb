import { desc, eq } from "drizzle-orm";
import { apiClients, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { ActionError } from "@/lib/auth/action-result";
import type { Db } from "@/lib/db";
import { nowIso } from "@/lib/time/now";
import { hashApiKey, keyPrefix, newApiKey } from "./key";

type Who = { actorId: number; requestId?: string | null };

/** Creates a client and returns its key: the only time the key exists outside the caller. */
export function createApiClient(db: Db, who: Who, input: { name: string; requestsPerMinute: number }) {
  const key = newApiKey();
  return db.transaction(
    (tx) => {
      const created = tx
        .insert(apiClients)
        .values({
          name: input.name,
          keyPrefix: keyPrefix(key),
          keyHash: hashApiKey(key),
          requestsPerMinute: input.requestsPerMinute,
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
        after: { name: input.name, keyPrefix: keyPrefix(key), requestsPerMinute: input.requestsPerMinute },
        requestId: who.requestId,
      });
      return { id: created.id, key };
    },
    { behavior: "immediate" },
  );
}

export function revokeApiClient(db: Db, who: Who, clientId: number) {
  return db.transaction(
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
    })
    .from(apiClients)
    .leftJoin(users, eq(users.id, apiClients.createdBy))
    .orderBy(desc(apiClients.id))
    .all();
}
