import { eq, sql } from "drizzle-orm";
import { cases, links, platforms } from "@/db/schema";
import type { Db } from "@/lib/db";

/** The facts of one case that exist before the review workflow does. */
export function caseSummary(db: Db, caseId: number) {
  return db
    .select({
      id: cases.id,
      status: cases.status,
      claimedCategory: cases.claimedCategory,
      reportCount: cases.reportCount,
      openedAt: cases.openedAt,
      lastReportAt: cases.lastReportAt,
      canonicalUrl: links.canonicalUrl,
      registrableDomain: links.registrableDomain,
      platformName: platforms.name,
      platformNameZh: platforms.nameZh,
      variants: sql<number>`(select count(*) from link_variants v where v.link_id = "links"."id")`,
    })
    .from(cases)
    .innerJoin(links, eq(links.id, cases.linkId))
    .leftJoin(platforms, eq(platforms.id, links.platformId))
    .where(eq(cases.id, caseId))
    .get();
}
