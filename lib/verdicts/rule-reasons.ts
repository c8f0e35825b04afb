// The user-facing reason of each rule, by rule version and category. Published versions never
// change, so each reason is read once per process and kept.
import { and, eq } from "drizzle-orm";
import { rules } from "@/db/schema";
import type { Db } from "@/lib/db";
import { categoryByCode } from "@/lib/rules/categories";
import type { Bilingual } from "./user-texts";

const globalCache = globalThis as unknown as { __linkdeskRuleReasons?: WeakMap<object, Map<string, Bilingual>> };

export function ruleReason(db: Db, ruleVersionId: number, category: string): Bilingual {
  const perConnection = (globalCache.__linkdeskRuleReasons ??= new WeakMap());
  let reasons = perConnection.get(db.$client);
  if (!reasons) perConnection.set(db.$client, (reasons = new Map()));
  const key = `${ruleVersionId}:${category}`;
  let reason = reasons.get(key);
  if (!reason) {
    const row = db
      .select({ en: rules.reasonEn, zh: rules.reasonZh })
      .from(rules)
      .where(and(eq(rules.ruleVersionId, ruleVersionId), eq(rules.category, category)))
      .get();
    // A verdict always comes from a published rule; the category's name is a fallback, never expected.
    const name = categoryByCode(category);
    reason = row ?? { en: `Reported as: ${name?.nameEn ?? category}.`, zh: `被投诉为：${name?.nameZh ?? category}。` };
    reasons.set(key, reason);
  }
  return reason;
}
