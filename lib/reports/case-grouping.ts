// Which case a new report joins (DESIGN.md "case": one open case per canonical link). A link decided
// in the last days keeps its decided case: new reports join it "after decision" and reopen it only
// on new evidence, so mass re-reporting of judged content does not flood the queue.
import type { Severity } from "@/db/schema";
import { severityWeight } from "@/lib/rules/categories";

export const AFTER_DECISION_DAYS = 7;
export const REOPEN_DISTINCT_REPORTERS = 3;

export type GroupingFacts = {
  openCaseId: number | null;
  /** The link's most recent case decided within AFTER_DECISION_DAYS, if any. */
  recentlyDecided: {
    caseId: number;
    decidedSeverity: Severity | null;
    /** Distinct reporters who reported after the decision, this one included. */
    reportersSinceDecision: number;
  } | null;
  claimedSeverity: Severity;
};

export type Grouping =
  | { kind: "join_open"; caseId: number }
  | { kind: "after_decision"; caseId: number }
  | { kind: "reopen"; caseId: number; because: "new_reporters" | "more_severe" }
  | { kind: "new_case" };

export function groupReport(facts: GroupingFacts): Grouping {
  if (facts.openCaseId !== null) return { kind: "join_open", caseId: facts.openCaseId };
  const decided = facts.recentlyDecided;
  if (!decided) return { kind: "new_case" };
  if (decided.decidedSeverity !== null && severityWeight[facts.claimedSeverity] > severityWeight[decided.decidedSeverity]) {
    return { kind: "reopen", caseId: decided.caseId, because: "more_severe" };
  }
  if (decided.reportersSinceDecision >= REOPEN_DISTINCT_REPORTERS) {
    return { kind: "reopen", caseId: decided.caseId, because: "new_reporters" };
  }
  return { kind: "after_decision", caseId: decided.caseId };
}
