// Publishing the draft makes it the rulebook every new decision is made under (decisions store the
// version they were made under), and it is never changed again. A rulebook with gaps — a category
// without an action, a ladder that gets lighter — is refused with every problem listed, and a draft
// identical to the version it started from is refused too: a version that changes nothing would
// only make the history harder to read.
import { eq } from "drizzle-orm";
import { ruleVersions } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { ActionError } from "@/lib/auth/action-result";
import type { Db } from "@/lib/db";
import { nowIso } from "@/lib/time/now";
import { categoryCodes } from "./categories";
import { RULEBOOK_PROBLEMS_FIELD } from "./draft-limits";
import { type Who, changedSinceBase, draftByNumber } from "./drafts";
import { rulebookProblems } from "./rulebook-checks";
import { type PublishDraftInput, parseOrRefuse, publishDraftSchema } from "./schemas";
import { rulesOf } from "./versions";

export function publishDraft(db: Db, who: Who, raw: PublishDraftInput | Record<string, unknown>) {
  const input = parseOrRefuse(publishDraftSchema, raw);
  return db.transaction(
    (tx) => {
      const draft = draftByNumber(tx, input.version);
      const draftRules = rulesOf(tx, draft.id);
      const problems = rulebookProblems(
        { version: draft.version, repeatWindowDays: draft.repeatWindowDays, rules: draftRules },
        categoryCodes,
      );
      if (problems.length > 0) {
        throw new ActionError("invalid", "rules.errors.rulebookHasProblems", {
          [RULEBOOK_PROBLEMS_FIELD]: problems.map((p) => p.problem),
        });
      }
      const { base, changes } = changedSinceBase(tx, draft);
      if (base && changes.length === 0 && base.repeatWindowDays === draft.repeatWindowDays) {
        throw new ActionError("conflict", "rules.errors.nothingChanged");
      }
      const publishedAt = nowIso();
      tx.update(ruleVersions).set({ status: "published", summary: input.summary, publishedAt }).where(eq(ruleVersions.id, draft.id)).run();
      // `categories` as in the seed's event for version 1: the categories this version changed.
      const after = { version: draft.version, summary: input.summary, basedOn: base?.version ?? null, categories: changes.map((c) => c.category) };
      recordAudit(tx, {
        actorId: who.actorId,
        action: "rules.published",
        targetType: "rule_version",
        targetId: draft.id,
        after,
        at: publishedAt,
        requestId: who.requestId,
      });
      return { ...after, publishedAt };
    },
    { behavior: "immediate" },
  );
}
