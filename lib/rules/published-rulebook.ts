import { asc, desc, eq } from "drizzle-orm";
import { ruleVersions, rules } from "@/db/schema";
import type { Db } from "@/lib/db";

/** The newest published rulebook version and its rules, or null before any is published. */
export function publishedRulebook(db: Db) {
  const version = db
    .select()
    .from(ruleVersions)
    .where(eq(ruleVersions.status, "published"))
    .orderBy(desc(ruleVersions.version))
    .limit(1)
    .get();
  if (!version) return null;
  const entries = db.select().from(rules).where(eq(rules.ruleVersionId, version.id)).orderBy(asc(rules.id)).all();
  return { version, rules: entries };
}
