import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { DAY_MS } from "@/lib/time/now";

export type LiveCounts = { openCases: number; escalated: number; reportsLast24h: number; blocksInForce: number };

/** The console home's figures, read fresh on every visit. */
export function liveCounts(db: Db, now = new Date()): LiveCounts {
  const nowIso = now.toISOString();
  const dayAgo = new Date(now.getTime() - DAY_MS).toISOString();
  const row = db.get<LiveCounts>(sql`
    select
      (select count(*) from cases where status = 'open') as openCases,
      (select count(*) from cases where status = 'escalated') as escalated,
      (select count(*) from reports where created_at >= ${dayAgo}) as reportsLast24h,
      (select count(*) from verdicts
         where level in ('L3', 'L4') and lifted_at is null and starts_at <= ${nowIso}
           and (expires_at is null or expires_at > ${nowIso})) as blocksInForce`);
  return row;
}
