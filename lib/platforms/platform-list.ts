import { asc, eq, sql } from "drizzle-orm";
import { platforms } from "@/db/schema";
import type { Db } from "@/lib/db";

/**
 * Every platform with its domains and how many links are attributed to it. (The correlated
 * subqueries name "platforms"."id" in full: drizzle renders a column unqualified inside sql``.)
 */
export function platformList(db: Db) {
  return db
    .select({
      id: platforms.id,
      slug: platforms.slug,
      name: platforms.name,
      nameZh: platforms.nameZh,
      kind: platforms.kind,
      isIndependent: platforms.isIndependent,
      domains: sql<string | null>`(select group_concat(d.domain, ' ') from platform_domains d where d.platform_id = "platforms"."id" and d.kind = 'registrable')`,
      shortLinkDomains: sql<string | null>`(select group_concat(d.domain, ' ') from platform_domains d where d.platform_id = "platforms"."id" and d.kind = 'short_link')`,
      links: sql<number>`(select count(*) from links l where l.platform_id = "platforms"."id")`,
    })
    .from(platforms)
    .orderBy(asc(platforms.isIndependent), asc(platforms.name))
    .all();
}

export function platformById(db: Db, id: number) {
  return db.select().from(platforms).where(eq(platforms.id, id)).get();
}
