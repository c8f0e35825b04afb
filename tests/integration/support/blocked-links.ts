// Links restricted by a real decision, for tests that need a verdict in force: a complaint opens the
// case, a moderator or senior decides it, decideCase writes the verdict.
import { eq } from "drizzle-orm";
import { cases } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { type DecisionInput, decideCase } from "@/lib/decisions/decide";
import { getDb } from "@/lib/db";
import { fileReport } from "@/lib/reports/file-report";
import { reporterHash } from "@/lib/reports/reporter-hash";
import { draftNumber } from "./rule-drafts";
import { publishDraft } from "@/lib/rules/publish";
import { newestPublishedVersion } from "@/lib/rules/versions";

/** Publishes the default rulebook when no version is published yet (decisions need one). */
export function ensurePublishedRulebook() {
  if (newestPublishedVersion(getDb())) return;
  publishDraft(getDb(), { actorId: null }, { version: draftNumber(), summary: "Default rulebook for tests" });
}

let complaints = 0;

/** Files a complaint about `url` and returns its case id. */
export function openCaseFor(url: string, at: Date = new Date()) {
  complaints += 1;
  const filed = fileReport(
    getDb(),
    { url, category: "fraud_scam", scene: "group", reporterHash: reporterHash(`blocked-links-${complaints}-${Date.now()}`), source: "api" },
    { now: at },
  );
  return filed.report.caseId;
}

/** Blocks `url` by deciding a fresh complaint about it: L3 until lifted unless told otherwise. */
export function blockLink(decider: Actor, url: string, options: Partial<DecisionInput> & { at?: Date } = {}) {
  ensurePublishedRulebook();
  const { at = new Date(), ...overrides } = options;
  const caseId = openCaseFor(url, at);
  const version = getDb().select({ version: cases.version }).from(cases).where(eq(cases.id, caseId)).get()!.version;
  const decided = decideCase(
    getDb(),
    decider,
    {
      caseId,
      caseVersion: version,
      outcome: "violation",
      category: "fraud_scam",
      level: "L3",
      durationHours: null,
      rationale: "Fake prize page asking for bank card details.",
      publicNote: "Blocked after review.",
      ...overrides,
    },
    { now: at },
  );
  return { caseId, verdictId: decided.verdictId!, decisionId: decided.decisionId };
}
