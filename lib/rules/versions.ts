// Reading rulebook versions: one by number, the current draft, and the history list.
import { and, asc, desc, eq, lt, max } from "drizzle-orm";
import { type LadderStep, ruleVersions, rules, users } from "@/db/schema";
import type { Db } from "@/lib/db";
import type { Tx } from "@/lib/audit/record";
import { categoryCodes } from "./categories";

type Reader = Db | Tx;

export type RuleVersionRow = typeof ruleVersions.$inferSelect;
export type RuleRow = typeof rules.$inferSelect;

/** The fields of a rule that make up its content, without ids: what versions are compared by. */
export type RuleContent = {
  category: string;
  principle: string;
  severity: RuleRow["severity"];
  ladder: LadderStep[];
  allowsDomainBlock: boolean;
  domainBlockThreshold: number | null;
  reasonEn: string;
  reasonZh: string;
};

export function ruleContent(rule: RuleContent): RuleContent {
  return {
    category: rule.category,
    principle: rule.principle,
    severity: rule.severity,
    ladder: rule.ladder.map((step) => ({ level: step.level, durationHours: step.durationHours })),
    allowsDomainBlock: rule.allowsDomainBlock,
    domainBlockThreshold: rule.domainBlockThreshold,
    reasonEn: rule.reasonEn,
    reasonZh: rule.reasonZh,
  };
}

const categoryOrder = new Map<string, number>(categoryCodes.map((code, index) => [code, index]));
const orderOf = (code: string) => categoryOrder.get(code) ?? categoryCodes.length;

/** A version's rules in the category table's order (codes that are not categories last). */
export function rulesOf(db: Reader, ruleVersionId: number): RuleRow[] {
  const rows = db.select().from(rules).where(eq(rules.ruleVersionId, ruleVersionId)).orderBy(asc(rules.id)).all();
  return rows.sort((a, b) => orderOf(a.category) - orderOf(b.category));
}

export function ruleVersionByNumber(db: Reader, version: number): RuleVersionRow | undefined {
  return db.select().from(ruleVersions).where(eq(ruleVersions.version, version)).get();
}

export function newestPublishedVersion(db: Reader): RuleVersionRow | undefined {
  return db
    .select()
    .from(ruleVersions)
    .where(eq(ruleVersions.status, "published"))
    .orderBy(desc(ruleVersions.version))
    .limit(1)
    .get();
}

/** The one draft, if a manager has started one. */
export function draftVersion(db: Reader): RuleVersionRow | undefined {
  return db.select().from(ruleVersions).where(eq(ruleVersions.status, "draft")).get();
}

export function highestVersionNumber(db: Reader): number {
  return db.select({ highest: max(ruleVersions.version) }).from(ruleVersions).get()?.highest ?? 0;
}

export const HISTORY_PAGE_SIZE = 50;

/**
 * Versions newest first, keyset-paginated by version number, with the name of the person who
 * started each. Drafts only for those who may see them (managers).
 */
export function listRuleVersions(db: Db, options: { includeDraft: boolean; before?: number; limit?: number }) {
  const limit = options.limit ?? HISTORY_PAGE_SIZE;
  const conditions = [
    options.includeDraft ? undefined : eq(ruleVersions.status, "published"),
    options.before ? lt(ruleVersions.version, options.before) : undefined,
  ];
  const rows = db
    .select({
      version: ruleVersions.version,
      status: ruleVersions.status,
      summary: ruleVersions.summary,
      authorName: users.name,
      createdAt: ruleVersions.createdAt,
      publishedAt: ruleVersions.publishedAt,
    })
    .from(ruleVersions)
    .leftJoin(users, eq(users.id, ruleVersions.createdBy))
    .where(and(...conditions))
    .orderBy(desc(ruleVersions.version))
    .limit(limit + 1)
    .all();
  const hasMore = rows.length > limit;
  const page = rows.slice(0, limit);
  return { rows: page, nextBefore: hasMore ? page[page.length - 1]!.version : null };
}

/** Every version number a viewer may compare, newest first: few enough for a select. */
export function comparableVersions(db: Db, includeDraft: boolean): { version: number; status: RuleVersionRow["status"] }[] {
  return db
    .select({ version: ruleVersions.version, status: ruleVersions.status })
    .from(ruleVersions)
    .where(includeDraft ? undefined : eq(ruleVersions.status, "published"))
    .orderBy(desc(ruleVersions.version))
    .all();
}
