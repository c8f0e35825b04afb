// Managers change the rulebook through a draft: a new version that copies the newest published one
// and is edited rule by rule until it is published (publish.ts) or discarded. There is at most one
// draft at a time, so while it exists the newest published version is the one it started from.
// Published versions are never changed: every function here refuses a version that is not a draft.
// Each change and its audit event commit together; a refusal writes nothing.
import { and, eq } from "drizzle-orm";
import { ruleVersions, rules } from "@/db/schema";
import { type Tx, recordAudit } from "@/lib/audit/record";
import { ActionError } from "@/lib/auth/action-result";
import type { Db } from "@/lib/db";
import { nowIso } from "@/lib/time/now";
import { REPEAT_WINDOW_DAYS, defaultRulebook } from "./default-rulebook";
import { diffRules } from "./diff";
import { type DraftRuleInput, type DraftVersionInput, draftRuleSchema, draftVersionSchema, parseOrRefuse } from "./schemas";
import {
  type RuleContent,
  type RuleRow,
  type RuleVersionRow,
  draftVersion,
  highestVersionNumber,
  newestPublishedVersion,
  ruleContent,
  ruleVersionByNumber,
  rulesOf,
} from "./versions";

export type Who = { actorId: number | null; requestId?: string | null };

/** The rules a new draft starts from: the newest published version's, or the default rulebook. */
function baseRules(tx: Tx, base: RuleVersionRow | undefined): RuleContent[] {
  const copied: RuleContent[] = base ? rulesOf(tx, base.id).map(ruleContent) : [];
  // A category added to the table since the last version starts with its default rule, so the
  // draft has a rule for every category and can be published.
  const present = new Set(copied.map((rule) => rule.category));
  for (const rule of defaultRulebook) {
    if (!present.has(rule.category)) copied.push(ruleContent({ ...rule, ladder: [...rule.ladder] }));
  }
  return copied;
}

export function startDraft(db: Db, who: Who) {
  return db.transaction(
    (tx) => {
      const existing = draftVersion(tx);
      if (existing) throw new ActionError("conflict", "rules.errors.draftExists");
      const base = newestPublishedVersion(tx);
      const version = highestVersionNumber(tx) + 1;
      const row = tx
        .insert(ruleVersions)
        .values({
          version,
          status: "draft",
          summary: "",
          repeatWindowDays: base?.repeatWindowDays ?? REPEAT_WINDOW_DAYS,
          createdBy: who.actorId,
          createdAt: nowIso(),
        })
        .returning({ id: ruleVersions.id })
        .get();
      for (const rule of baseRules(tx, base)) tx.insert(rules).values({ ruleVersionId: row.id, ...rule }).run();
      const after = { version, basedOn: base?.version ?? null };
      recordAudit(tx, {
        actorId: who.actorId,
        action: "rules.draft_started",
        targetType: "rule_version",
        targetId: row.id,
        after,
        requestId: who.requestId,
      });
      return after;
    },
    { behavior: "immediate" },
  );
}

/** The draft with this version number, or the refusal: unknown, or published and so unchangeable. */
export function draftByNumber(tx: Tx, version: number): RuleVersionRow {
  const row = ruleVersionByNumber(tx, version);
  if (!row) throw new ActionError("not_found", "rules.errors.noSuchDraft");
  if (row.status !== "draft") throw new ActionError("conflict", "rules.errors.notDraft");
  return row;
}

const editable = (rule: RuleRow) => {
  const { ladder, allowsDomainBlock, domainBlockThreshold, reasonEn, reasonZh } = ruleContent(rule);
  return { ladder, allowsDomainBlock, domainBlockThreshold, reasonEn, reasonZh };
};

/**
 * Changes one rule of the draft: its ladder, whether it allows a domain-wide block and from how many
 * links, and the reasons users are shown. Principle and severity stay as the category table sets
 * them. Saving what is already there writes nothing.
 */
export function updateDraftRule(db: Db, who: Who, raw: DraftRuleInput | Record<string, unknown>) {
  const input = parseOrRefuse(draftRuleSchema, raw);
  return db.transaction(
    (tx) => {
      const draft = draftByNumber(tx, input.version);
      const rule = tx
        .select()
        .from(rules)
        .where(and(eq(rules.ruleVersionId, draft.id), eq(rules.category, input.category)))
        .get();
      if (!rule) throw new ActionError("not_found", "rules.errors.noSuchRule");
      const before = editable(rule);
      const after = {
        ladder: input.ladder,
        allowsDomainBlock: input.allowsDomainBlock,
        domainBlockThreshold: input.domainBlockThreshold,
        reasonEn: input.reasonEn,
        reasonZh: input.reasonZh,
      };
      const result = { version: draft.version, category: rule.category };
      if (JSON.stringify(before) === JSON.stringify(after)) return { ...result, changed: false };
      tx.update(rules).set(after).where(eq(rules.id, rule.id)).run();
      recordAudit(tx, {
        actorId: who.actorId,
        action: "rules.draft_rule_changed",
        targetType: "rule_version",
        targetId: draft.id,
        before: { ...result, ...before },
        after: { ...result, ...after },
        requestId: who.requestId,
      });
      return { ...result, changed: true };
    },
    { behavior: "immediate" },
  );
}

/** The categories whose rule in the draft differs from the version the draft started from. */
export function changedSinceBase(tx: Db | Tx, draft: RuleVersionRow) {
  const base = newestPublishedVersion(tx);
  const from = base ? rulesOf(tx, base.id) : [];
  return { base, changes: diffRules(from, rulesOf(tx, draft.id)) };
}

export function discardDraft(db: Db, who: Who, raw: DraftVersionInput) {
  const input = parseOrRefuse(draftVersionSchema, raw);
  return db.transaction(
    (tx) => {
      const draft = draftByNumber(tx, input.version);
      const { base, changes } = changedSinceBase(tx, draft);
      tx.delete(rules).where(eq(rules.ruleVersionId, draft.id)).run();
      tx.delete(ruleVersions).where(eq(ruleVersions.id, draft.id)).run();
      // Each change was audited when it was made; this records which ones were dropped.
      const before = { version: draft.version, basedOn: base?.version ?? null, changedCategories: changes.map((c) => c.category) };
      recordAudit(tx, {
        actorId: who.actorId,
        action: "rules.draft_discarded",
        targetType: "rule_version",
        targetId: draft.id,
        before,
        requestId: who.requestId,
      });
      return { version: draft.version };
    },
    { behavior: "immediate" },
  );
}
