// API keys on a real SQLite file: valid keys are remembered in memory; a revocation in this process
// takes effect on the next request, one made elsewhere within the cache's maximum age.
import type { IncomingMessage } from "node:http";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { apiClients } from "@/db/schema";
import { CLIENT_CACHE_MAX_AGE_MS, authenticateClient } from "@/lib/api/client-auth";
import { createApiClient, revokeApiClient } from "@/lib/api-clients/api-clients";
import type { Actor } from "@/lib/auth/actor";
import { testDatabase } from "./support/database";
import { makeStaff } from "./support/staff";

const { db } = testDatabase();
let admin: Actor;
const request = (key: string) => ({ headers: { authorization: `Bearer ${key}` } }) as unknown as IncomingMessage;

beforeAll(async () => {
  admin = await makeStaff("admin");
});

describe("authenticateClient", () => {
  it("knows a valid key and forgets it the moment it is revoked", () => {
    const { id, key } = createApiClient(db, { actorId: admin.id }, { name: "Cached app", requestsPerMinute: 60 });
    expect(authenticateClient(request(key), db)).toMatchObject({ id, name: "Cached app", requestsPerMinute: 60, platformId: null });
    expect(authenticateClient(request(key), db)).toMatchObject({ id });
    revokeApiClient(db, { actorId: admin.id }, id);
    expect(authenticateClient(request(key), db)).toBeNull();
  });

  it("sees a revocation made by another process once the cache is older than its maximum age", () => {
    const { id, key } = createApiClient(db, { actorId: admin.id }, { name: "Elsewhere app", requestsPerMinute: 60 });
    const t0 = Date.now();
    expect(authenticateClient(request(key), db, t0)).toMatchObject({ id });
    // Another process revokes it: a raw write this process's cache does not hear about.
    db.update(apiClients).set({ revokedAt: new Date(t0).toISOString() }).where(eq(apiClients.id, id)).run();
    expect(authenticateClient(request(key), db, t0 + 1_000)).toMatchObject({ id });
    expect(authenticateClient(request(key), db, t0 + CLIENT_CACHE_MAX_AGE_MS + 1)).toBeNull();
  });

  it("refuses malformed headers and unknown keys", () => {
    expect(authenticateClient(request("ld_unknown_key_000000000000"), db)).toBeNull();
    expect(authenticateClient({ headers: {} } as IncomingMessage, db)).toBeNull();
    expect(authenticateClient({ headers: { authorization: "Basic abc" } } as IncomingMessage, db)).toBeNull();
  });
});
