// The review workflow on a real SQLite file: claiming and leases, escalation to a senior, two
// deciders on the same case version, undo and reversal restoring the verdict state. Every refusal
// leaves the database as it was.
import { beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/lib/audit/verify";
import type { Actor } from "@/lib/auth/actor";
import { escalateCase } from "@/lib/cases/escalate";
import { LEASE_MS, claimCase, reassignCase, releaseCase, renewLease } from "@/lib/cases/lease";
import { type DecisionInput, decideCase } from "@/lib/decisions/decide";
import { reverseDecision } from "@/lib/decisions/reverse";
import { UNDO_WINDOW_MS, undoDecision } from "@/lib/decisions/undo";
import { databasePath } from "@/lib/db/database-path";
import { openSqlite, wrap } from "@/lib/db/open";
import { fileReport } from "@/lib/reports/file-report";
import { reporterHash } from "@/lib/reports/reporter-hash";
import { verdictFor } from "@/lib/verdicts/in-force";
import { ensurePublishedRulebook } from "./support/blocked-links";
import { refusedWithoutWrites, testDatabase } from "./support/database";
import { answerNotice } from "@/lib/notices/answer-notice";
import { noticeList } from "@/lib/notices/notice-list";
import { platformWithDomain } from "./support/notices";
import { makeStaff } from "./support/staff";

const { db, sqlite } = testDatabase();
const now = new Date("2026-12-01T08:00:00.000Z");
const later = (ms: number) => new Date(now.getTime() + ms);
const one = <T>(query: string, ...params: unknown[]) => sqlite.prepare(query).get(...params) as T;
const count = (query: string, ...params: unknown[]) => one<{ n: number }>(query, ...params).n;

let moderator: Actor;
let other: Actor;
let senior: Actor;
let auditor: Actor;

let filed = 0;
function openCase(url: string, at: Date = now) {
  filed += 1;
  return fileReport(db, { url, category: "fraud_scam", scene: "group", reporterHash: reporterHash(`review-${filed}`), source: "api" }, { now: at }).report.caseId;
}
const caseRow = (id: number) =>
  one<{ status: string; version: number; assignee_id: number | null; lease_expires_at: string | null; escalated_by: number | null; escalation_note: string | null }>(
    "select status, version, assignee_id, lease_expires_at, escalated_by, escalation_note from cases where id = ?",
    id,
  );
const input = (caseId: number, overrides: Partial<DecisionInput> = {}): DecisionInput => ({
  caseId,
  caseVersion: caseRow(caseId).version,
  outcome: "violation",
  category: "fraud_scam",
  level: "L3",
  durationHours: null,
  rationale: "Fake red packet page asking for bank card details.",
  ...overrides,
});
const keyOf = (caseId: number) =>
  one<{ canonicalUrl: string }>("select canonical_url as canonicalUrl from links join cases on cases.link_id = links.id where cases.id = ?", caseId);

beforeAll(async () => {
  ensurePublishedRulebook();
  moderator = await makeStaff("moderator");
  other = await makeStaff("moderator");
  senior = await makeStaff("senior");
  auditor = await makeStaff("auditor");
});

describe("claiming", () => {
  it("holds the case for ten minutes, audited, without changing its version; others are refused meanwhile", () => {
    const caseId = openCase("https://claim-one.example/prize");
    const version = caseRow(caseId).version;
    const lease = claimCase(db, moderator, caseId, { now });
    expect(lease.leaseExpiresAt).toBe(later(LEASE_MS).toISOString());
    expect(caseRow(caseId)).toMatchObject({ assignee_id: moderator.id, version });
    expect(count("select count(*) as n from audit_events where action = 'case.claimed' and target_id = ?", String(caseId))).toBe(1);

    const refusal = refusedWithoutWrites(() => claimCase(db, other, caseId, { now: later(60_000) }));
    expect(refusal).toMatchObject({ code: "conflict", message: "cases.errors.claimedByOther" });
    expect(refusal.fieldErrors?.holder).toEqual([moderator.name]);
    expect(refusedWithoutWrites(() => decideCase(db, other, input(caseId), { now: later(60_000) })).message).toBe("cases.errors.claimedByOther");
    expect(refusedWithoutWrites(() => claimCase(db, auditor, caseId, { now })).code).toBe("forbidden");
  });

  it("renewal extends the lease; an expired lease is free for anyone without any job running", () => {
    const caseId = openCase("https://claim-two.example/prize");
    claimCase(db, moderator, caseId, { now });
    const renewed = renewLease(db, moderator, caseId, { now: later(3 * 60_000) });
    expect(renewed.leaseExpiresAt).toBe(later(3 * 60_000 + LEASE_MS).toISOString());
    expect(refusedWithoutWrites(() => claimCase(db, other, caseId, { now: later(LEASE_MS) })).message).toBe("cases.errors.claimedByOther");

    // Nobody renewed: at the old expiry plus a moment, the case is free.
    const afterExpiry = later(3 * 60_000 + LEASE_MS + 1);
    expect(claimCase(db, other, caseId, { now: afterExpiry }).assigneeId).toBe(other.id);
    // The first holder's page tries to renew and learns who has it now.
    expect(refusedWithoutWrites(() => renewLease(db, moderator, caseId, { now: afterExpiry })).message).toBe("cases.errors.claimedByOther");
    expect(decideCase(db, other, input(caseId), { now: afterExpiry }).decisionId).toBeGreaterThan(0);
    expect(caseRow(caseId)).toMatchObject({ status: "decided", assignee_id: null, lease_expires_at: null });
  });

  it("release frees the case at once; only the holder releases", () => {
    const caseId = openCase("https://claim-three.example/prize");
    claimCase(db, moderator, caseId, { now });
    expect(refusedWithoutWrites(() => releaseCase(db, other, caseId, { now })).message).toBe("cases.errors.notHolder");
    releaseCase(db, moderator, caseId, { now });
    expect(caseRow(caseId)).toMatchObject({ assignee_id: null, lease_expires_at: null });
    expect(claimCase(db, other, caseId, { now }).assigneeId).toBe(other.id);
  });

  it("a senior reassigns with a reason, audited; moderators cannot, and the reason is required", () => {
    const caseId = openCase("https://claim-four.example/prize");
    claimCase(db, moderator, caseId, { now });
    expect(refusedWithoutWrites(() => reassignCase(db, moderator, { caseId, assigneeId: other.id, reason: "Taking over this one" }, { now })).code).toBe("forbidden");
    expect(refusedWithoutWrites(() => reassignCase(db, senior, { caseId, assigneeId: other.id, reason: "short" }, { now })).fieldErrors?.reason).toEqual([
      "cases.errors.reasonTooShort",
    ]);
    expect(refusedWithoutWrites(() => reassignCase(db, senior, { caseId, assigneeId: auditor.id, reason: "Auditor cannot decide" }, { now })).fieldErrors?.assigneeId).toEqual([
      "cases.errors.assigneeCannotDecide",
    ]);
    reassignCase(db, senior, { caseId, assigneeId: other.id, reason: "Moderator went home early" }, { now: later(60_000) });
    expect(caseRow(caseId).assignee_id).toBe(other.id);
    const event = one<{ actor_id: number; after: string }>("select actor_id, after from audit_events where action = 'case.reassigned' and target_id = ?", String(caseId));
    expect(event.actor_id).toBe(senior.id);
    expect(JSON.parse(event.after)).toMatchObject({ assigneeId: other.id, reason: "Moderator went home early" });
    expect(refusedWithoutWrites(() => decideCase(db, moderator, input(caseId), { now: later(120_000) })).message).toBe("cases.errors.claimedByOther");
  });
});

describe("two deciders on the same case version", () => {
  it("on two connections to the same file: exactly one decision, the other refused as already decided, nothing half-written", () => {
    const caseId = openCase("https://race.example/prize");
    const seen = input(caseId);
    const second = openSqlite(databasePath(process.env.DATABASE_URL!));
    try {
      const secondDb = wrap(second);
      const first = decideCase(db, moderator, seen, { now });
      const before = count("select count(*) as n from audit_events");
      let refusal: unknown;
      try {
        decideCase(secondDb, other, seen, { now });
      } catch (error) {
        refusal = error;
      }
      expect(refusal).toMatchObject({ code: "conflict", message: "cases.errors.alreadyDecided" });
      expect((refusal as { fieldErrors: Record<string, string[]> }).fieldErrors).toMatchObject({
        currentStatus: ["decided"],
        currentVersion: [String(seen.caseVersion + 1)],
      });
      expect(count("select count(*) as n from decisions where case_id = ?", caseId)).toBe(1);
      expect(count("select count(*) as n from verdicts where decision_id = ?", first.decisionId)).toBe(1);
      expect(count("select count(*) as n from audit_events")).toBe(before);
    } finally {
      second.close();
    }
  });

  it("a decision on a version an escalation replaced is refused as stale, showing the new status and version", () => {
    const caseId = openCase("https://stale.example/prize");
    const seen = input(caseId);
    escalateCase(db, other, { caseId, caseVersion: seen.caseVersion, note: "Looks like a bank phishing kit." }, { now });
    const refusal = refusedWithoutWrites(() => decideCase(db, senior, seen, { now }));
    expect(refusal).toMatchObject({ code: "conflict", message: "cases.errors.stale" });
    expect(refusal.fieldErrors).toMatchObject({ currentStatus: ["escalated"], currentVersion: [String(seen.caseVersion + 1)] });
  });
});

describe("escalation", () => {
  it("needs a note, bumps the version, releases the lease, is audited; then only a senior decides", () => {
    const caseId = openCase("https://escalate.example/prize");
    claimCase(db, moderator, caseId, { now });
    const version = caseRow(caseId).version;
    expect(refusedWithoutWrites(() => escalateCase(db, moderator, { caseId, caseVersion: version, note: "hmm" }, { now })).fieldErrors?.note).toEqual([
      "cases.errors.noteTooShort",
    ]);
    expect(refusedWithoutWrites(() => escalateCase(db, auditor, { caseId, caseVersion: version, note: "Not sure about this one." }, { now })).code).toBe("forbidden");

    escalateCase(db, moderator, { caseId, caseVersion: version, note: "Not sure: the page may be a real bank." }, { now });
    expect(caseRow(caseId)).toMatchObject({
      status: "escalated",
      version: version + 1,
      assignee_id: null,
      escalated_by: moderator.id,
      escalation_note: "Not sure: the page may be a real bank.",
    });
    expect(count("select count(*) as n from audit_events where action = 'case.escalated' and target_id = ?", String(caseId))).toBe(1);
    expect(refusedWithoutWrites(() => escalateCase(db, other, { caseId, caseVersion: version + 1, note: "Escalating again here." }, { now })).message).toBe(
      "cases.errors.alreadyEscalated",
    );

    expect(refusedWithoutWrites(() => decideCase(db, moderator, input(caseId), { now })).message).toBe("decisions.errors.escalatedNeedsSenior");
    expect(refusedWithoutWrites(() => claimCase(db, other, caseId, { now })).message).toBe("decisions.errors.escalatedNeedsSenior");
    claimCase(db, senior, caseId, { now });
    expect(decideCase(db, senior, input(caseId), { now }).verdictId).not.toBeNull();
  });
});

describe("undo", () => {
  it("within ten minutes the decider restores the verdict state and gets the case back to decide again", () => {
    const caseId = openCase("https://undo.example/prize");
    const key = keyOf(caseId);
    expect(verdictFor(db, key, now)).toBeNull();
    const decided = decideCase(db, moderator, input(caseId), { now });
    expect(verdictFor(db, key, later(1000))?.id).toBe(decided.verdictId);

    expect(refusedWithoutWrites(() => undoDecision(db, other, { decisionId: decided.decisionId }, { now: later(60_000) })).message).toBe(
      "decisions.errors.undoOwnOnly",
    );
    const undone = undoDecision(db, moderator, { decisionId: decided.decisionId }, { now: later(UNDO_WINDOW_MS) });
    expect(undone.liftedVerdictIds).toEqual([decided.verdictId]);
    expect(verdictFor(db, key, later(UNDO_WINDOW_MS + 1000))).toBeNull();
    const decision = one<Record<string, unknown>>("select * from decisions where id = ?", decided.decisionId);
    expect(decision).toMatchObject({ reversed_by: moderator.id, reversal_kind: "undo", reversed_at: later(UNDO_WINDOW_MS).toISOString() });
    expect(caseRow(caseId)).toMatchObject({ status: "open", version: undone.caseVersion, assignee_id: moderator.id });
    expect(count("select count(*) as n from audit_events where action = 'decision.undone' and target_id = ?", String(decided.decisionId))).toBe(1);
    expect(refusedWithoutWrites(() => undoDecision(db, moderator, { decisionId: decided.decisionId }, { now: later(UNDO_WINDOW_MS) })).message).toBe(
      "decisions.errors.alreadySetAside",
    );

    // Decided again, differently: nothing was deleted, both decisions remain.
    decideCase(db, moderator, input(caseId, { outcome: "no_violation", level: "L0", rationale: null }), { now: later(UNDO_WINDOW_MS + 2000) });
    expect(count("select count(*) as n from decisions where case_id = ?", caseId)).toBe(2);
    expect(verifyAuditChain(sqlite).ok).toBe(true);
  });

  it("after ten minutes undo is refused and nothing is written", () => {
    const caseId = openCase("https://undo-late.example/prize");
    const decided = decideCase(db, moderator, input(caseId), { now });
    expect(refusedWithoutWrites(() => undoDecision(db, moderator, { decisionId: decided.decisionId }, { now: later(UNDO_WINDOW_MS + 1) })).message).toBe(
      "decisions.errors.undoWindowOver",
    );
  });
});

describe("reversal", () => {
  it("a senior reverses a domain block later with a reason: the domain is free again, the unanswered notice withdrawn", async () => {
    const domain = "reversal-shop.example";
    platformWithDomain("reversal-shop", domain);
    const first = openCase(`https://www.${domain}/a`);
    const firstDecision = decideCase(db, moderator, input(first), { now });
    expect(firstDecision.noticeId).not.toBeNull();
    const key = keyOf(first);
    expect(verdictFor(db, key, later(1000))?.level).toBe("L3");

    expect(refusedWithoutWrites(() => reverseDecision(db, moderator, { decisionId: firstDecision.decisionId, reason: "The page was a real bank." }, { now: later(DAY_MS) })).code).toBe(
      "forbidden",
    );
    expect(refusedWithoutWrites(() => reverseDecision(db, senior, { decisionId: firstDecision.decisionId, reason: "no" }, { now: later(DAY_MS) })).fieldErrors?.reason).toEqual([
      "decisions.errors.reasonTooShort",
    ]);
    const reversed = reverseDecision(db, senior, { decisionId: firstDecision.decisionId, reason: "The page was a real bank's own site." }, { now: later(DAY_MS) });
    expect(verdictFor(db, key, later(DAY_MS + 1000))).toBeNull();
    expect(reversed.withdrawnNoticeIds).toEqual([firstDecision.noticeId]);
    expect(one<Record<string, unknown>>("select reversal_kind, reversal_reason, reversed_by from decisions where id = ?", firstDecision.decisionId)).toEqual({
      reversal_kind: "reversal",
      reversal_reason: "The page was a real bank's own site.",
      reversed_by: senior.id,
    });
    expect(caseRow(first)).toMatchObject({ status: "open", assignee_id: null, version: reversed.caseVersion });
    expect(count("select count(*) as n from audit_events where action = 'notice.withdrawn' and target_id = ?", String(firstDecision.noticeId))).toBe(1);
    // The withdrawn notice is marked, can no longer be answered, and is listed nowhere as pending.
    expect(one<{ withdrawn_at: string | null }>("select withdrawn_at from rectification_notices where id = ?", firstDecision.noticeId).withdrawn_at).not.toBeNull();
    expect(() => answerNotice(db, { kind: "staff", userId: senior.id }, { noticeId: firstDecision.noticeId!, answer: "Too late" })).toThrow("notices.errors.withdrawn");
    expect(noticeList(db, { filter: "unanswered" }).rows.map((r) => r.id)).not.toContain(firstDecision.noticeId);
    expect(count("select count(*) as n from audit_events where action = 'decision.reversed'")).toBe(1);
  });

  it("a reversed offence no longer counts: the next violation on the domain is a first offence again", () => {
    const domain = "reversal-independent.top";
    const first = openCase(`https://${domain}/one`);
    const firstDecision = decideCase(db, senior, input(first), { now });
    const second = openCase(`https://${domain}/two`);
    expect(decideCase(db, senior, input(second, { level: "L4" }), { now: later(1000) }).verdictId).not.toBeNull();
    // Reversing the first does not touch the second's domain block; reversing the second lifts it.
    const domainKey = { canonicalUrl: `https://${domain}/` };
    reverseDecision(db, senior, { decisionId: firstDecision.decisionId, reason: "First complaint was mistaken." }, { now: later(2000) });
    expect(verdictFor(db, domainKey, later(3000))?.level).toBe("L4");
    const secondDecision = one<{ id: number }>("select id from decisions where case_id = ? and reversed_at is null", second).id;
    reverseDecision(db, senior, { decisionId: secondDecision, reason: "Domain block was too broad." }, { now: later(4000) });
    expect(verdictFor(db, domainKey, later(5000))).toBeNull();
    expect(verifyAuditChain(sqlite).ok).toBe(true);
  });
});

const DAY_MS = 24 * 60 * 60_000;
