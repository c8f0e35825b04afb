import { asc, eq } from "drizzle-orm";
import { platformDomains } from "@/db/schema";
import type { Db } from "@/lib/db";

/** One platform's registry entries: registrable domains first, then short-link hosts, by name. */
export function platformDomainList(db: Db, platformId: number) {
  return db
    .select({ id: platformDomains.id, domain: platformDomains.domain, kind: platformDomains.kind, createdAt: platformDomains.createdAt })
    .from(platformDomains)
    .where(eq(platformDomains.platformId, platformId))
    .orderBy(asc(platformDomains.kind), asc(platformDomains.domain))
    .all();
}
