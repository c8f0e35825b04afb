// Deciding a case on a real SQLite file: the decision, the verdict, the rectification notice, the
// change feed and the audit trail in one transaction; every refusal leaves the database untouched.
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "@/db/seed-demo";
import { verifyAuditChain } from "@/lib/audit/verify";
import { ActionError } from "@/lib/auth/action-result";
import type { Actor } from "@/lib/auth/actor";
import { type DecisionInput, decideCase, recommendationFor } from "@/lib/decisions/decide";
import { expressionKey } from "@/lib/verdicts/expressions";
import { fileReport } from "@/lib/reports/file-report";
import { reporterHash } from "@/lib/reports/reporter-hash";
import type { CategoryCode } from "@/lib/rules/categories";
import { DAY_MS, HOUR_MS } from "@/lib/time/now";
import { verdictsInForce } from "@/lib/verdicts/in-force";
import { refusedWithoutWrites, testDatabase } from "./support/database";
import { makeStaff } from "./support/staff";

const { db, sqlite } = testDatabase();
const now = new Date("2026-11-24T08:00:00.000Z");
const later = (ms: number) => new Date(now.getTime() + ms);
const one = <T>(query: string, ...params: unknown[]) => sqlite.prepare(query).get(...params) as T;
const all = <T>(query: string, ...params: unknown[]) => sqlite.prepare(query).all(...params) as T[];
const count = (query: string, ...params: unknown[]) => one<{ n: number }>(query, ...params).n;

let moderator: Actor;
let senior: Actor;

let reporters = 0;
/** Files a complaint about `url` and returns its (open) case. */
function openCase(url: string, category: CategoryCode = "fraud_scam", at: Date = now) {
  reporters += 1;
  const filed = fileReport(
    db,
    { url, category, scene: "group", reporterHash: reporterHash(`decide-reporter-${reporters}`), source: "api" },
    { now: at },
  );
  return filed.report.caseId;
}

const caseRow = (caseId: number) =>
  one<{ status: string; version: number; decided_at: string | null; assignee_id: number | null; lease_expires_at: string | null }>(
    "select status, version, decided_at, assignee_id, lease_expires_at from cases where id = ?",
    caseId,
  );

function input(caseId: number, overrides: Partial<DecisionInput> = {}): DecisionInput {
  return {
    caseId,
    caseVersion: caseRow(caseId).version,
    outcome: "violation",
    category: "fraud_scam",
    level: "L3",
    durationHours: null,
    rationale: "Fake red packet page asking for bank card details.",
    publicNote: "Blocked after review.",
    ...overrides,
  };
}

/** Runs a decision that must be refused and checks that nothing at all was written. */
function expectRefused(run: () => unknown, code: string, message?: string): ActionError {
  const refusal = refusedWithoutWrites(run);
  expect(refusal.code).toBe(code);
  if (message) expect(refusal.message).toBe(message);
  return refusal;
}

beforeAll(async () => {
  // The demo's complaints without its decisions: these tests count offences from a clean history.
  await seedDemo(db, { now, decisions: false });
  moderator = await makeStaff("moderator");
  senior = await makeStaff("senior");
});

describe("a moderator decides a violation", () => {
  it("records the decision, blocks the URL until lifted, sends a 24 h notice and closes the case, all audited", () => {
    const caseId = openCase("https://item.jd.com/900000001.html");
    const before = caseRow(caseId);
    const seqBefore = one<{ seq: number }>("select max(seq) as seq from audit_events").seq;

    const result = decideCase(db, moderator, input(caseId), { now, requestId: "decide-1" });

    expect(result.recommendation).toMatchObject({ level: "L3", durationHours: null, scope: "url", offenceNumber: 1 });
    const decision = one<Record<string, unknown>>("select * from decisions where id = ?", result.decisionId);
    expect(decision).toMatchObject({
      case_id: caseId,
      case_version: before.version,
      decider_id: moderator.id,
      outcome: "violation",
      category: "fraud_scam",
      principle: "P1",
      severity: "critical",
      level: "L3",
      scope: "url",
      provider_sanction: 0,
      duration_hours: null,
      recommended_level: "L3",
      rule_version_id: one<{ id: number }>("select id from rule_versions where status = 'published'").id,
      public_note: "Blocked after review.",
      created_at: now.toISOString(),
    });

    expect(caseRow(caseId)).toEqual({
      status: "decided",
      version: before.version + 1,
      decided_at: now.toISOString(),
      assignee_id: null,
      lease_expires_at: null,
    });

    const linkId = one<{ link_id: number }>("select link_id from cases where id = ?", caseId).link_id;
    const verdict = one<Record<string, unknown>>("select * from verdicts where id = ?", result.verdictId);
    expect(verdict).toMatchObject({
      scope: "url",
      link_id: linkId,
      domain: null,
      expression: "item.jd.com/900000001.html",
      expression_key: expressionKey("item.jd.com/900000001.html"),
      required_params: "[]",
      level: "L3",
      category: "fraud_scam",
      decision_id: result.decisionId,
      starts_at: now.toISOString(),
      expires_at: null,
      lifted_at: null,
    });

    const notice = one<Record<string, unknown>>("select * from rectification_notices where id = ?", result.noticeId);
    expect(notice).toMatchObject({
      platform_id: one<{ id: number }>("select id from platforms where slug = 'jd'").id,
      case_id: caseId,
      decision_id: result.decisionId,
      sent_at: now.toISOString(),
      deadline_at: later(24 * HOUR_MS).toISOString(),
      answered_at: null,
    });

    const changes = all<Record<string, unknown>>("select * from verdict_changes where verdict_id = ?", result.verdictId);
    expect(changes).toEqual([
      {
        seq: expect.any(Number),
        verdict_id: result.verdictId,
        key_type: "url",
        key: expressionKey("item.jd.com/900000001.html"),
        params: null,
        level: "L3",
        expires_at: null,
        changed_at: now.toISOString(),
      },
    ]);

    const events = all<{ seq: number; action: string; actor_id: number; after: string }>(
      "select seq, action, actor_id, after from audit_events where request_id = 'decide-1' order by seq",
    );
    expect(events.map((e) => e.action)).toEqual(["decision.recorded", "case.decided", "verdict.created", "notice.sent"]);
    expect(events[0]!.seq).toBe(seqBefore + 1);
    expect(new Set(events.map((e) => e.actor_id))).toEqual(new Set([moderator.id]));
    const recorded = JSON.parse(events[0]!.after) as Record<string, unknown>;
    expect(recorded).toMatchObject({
      level: "L3",
      rationale: "Fake red packet page asking for bank card details.",
      recommendation: { level: "L3", citation: { ruleVersion: 1, category: "fraud_scam", step: 1 } },
    });
  });

  it("can decide an unclaimed case and one whose claim has lapsed, but not one another person holds", () => {
    const lapsed = openCase("https://item.jd.com/900000002.html");
    sqlite
      .prepare("update cases set assignee_id = ?, lease_expires_at = ? where id = ?")
      .run(senior.id, new Date(now.getTime() - 60_000).toISOString(), lapsed);
    expect(decideCase(db, moderator, input(lapsed, { category: "rumour", level: "L1", durationHours: 720 }), { now }).verdictId).not.toBeNull();

    const held = openCase("https://item.jd.com/900000003.html");
    sqlite
      .prepare("update cases set assignee_id = ?, lease_expires_at = ? where id = ?")
      .run(senior.id, later(10 * 60_000).toISOString(), held);
    expectRefused(() => decideCase(db, moderator, input(held), { now }), "conflict", "cases.errors.claimedByOther");
    // The holder of the claim decides it.
    expect(decideCase(db, senior, input(held, { category: "rumour", level: "L1", durationHours: 720 }), { now }).decisionId).toBeGreaterThan(0);
  });
});

describe("refusals write nothing", () => {
  it("refuses a stale case version and says what the case is now", () => {
    const caseId = openCase("https://item.jd.com/900000010.html");
    const { version } = caseRow(caseId);
    const refusal = expectRefused(
      () => decideCase(db, moderator, input(caseId, { caseVersion: version - 1 }), { now }),
      "conflict",
      "cases.errors.stale",
    );
    expect(refusal.fieldErrors).toMatchObject({
      caseVersion: ["cases.errors.stale"],
      currentVersion: [String(version)],
      currentStatus: ["open"],
    });
  });

  it("refuses a second decision on a decided case", () => {
    const caseId = openCase("https://item.jd.com/900000011.html");
    const first = input(caseId, { category: "rumour", level: "L1", durationHours: 720 });
    decideCase(db, moderator, first, { now });
    // Even with the version the first decider saw, and even when the new version is used.
    expectRefused(() => decideCase(db, senior, first, { now }), "conflict", "cases.errors.alreadyDecided");
    expectRefused(() => decideCase(db, senior, input(caseId), { now }), "conflict", "cases.errors.alreadyDecided");
    expect(count("select count(*) as n from decisions where case_id = ?", caseId)).toBe(1);
  });

  it("refuses a case that does not exist", () => {
    const missing = { ...input(openCase("https://item.jd.com/900000012.html")), caseId: 999_999 };
    expectRefused(() => decideCase(db, moderator, missing, { now }), "not_found", "cases.errors.notFound");
  });

  it("refuses roles that may not decide, L4 or a sanction from a moderator, and L5 as a level", async () => {
    const caseId = openCase("https://item.jd.com/900000013.html");
    for (const role of ["manager", "auditor", "admin"] as const) {
      const actor = await makeStaff(role);
      expectRefused(() => decideCase(db, actor, input(caseId), { now }), "forbidden");
    }
    expectRefused(() => decideCase(db, moderator, input(caseId, { level: "L4" }), { now }), "forbidden", "decisions.errors.seniorOnly");
    expectRefused(() => decideCase(db, moderator, input(caseId, { sanctionProvider: true }), { now }), "forbidden", "decisions.errors.sanctionSeniorOnly");
    const asLevel = expectRefused(() => decideCase(db, senior, input(caseId, { level: "L5" }), { now }), "invalid");
    expect(asLevel.fieldErrors?.level).toEqual(["decisions.errors.sanctionIsNotALevel"]);
  });

  it("refuses a scope the level does not take, a path the link does not have, and a platform's host from a moderator", () => {
    const caseId = openCase("https://item.jd.com/shop/900000015.html");
    expect(expectRefused(() => decideCase(db, senior, input(caseId, { level: "L3", scope: "domain" }), { now }), "invalid").fieldErrors?.scope).toEqual([
      "decisions.errors.scopeNotForLevel",
    ]);
    expect(expectRefused(() => decideCase(db, moderator, input(caseId, { scope: "path", scopePath: "/other" }), { now }), "invalid").fieldErrors?.scopePath).toEqual([
      "decisions.errors.scopePathInvalid",
    ]);
    expectRefused(() => decideCase(db, moderator, input(caseId, { scope: "host" }), { now }), "forbidden", "decisions.errors.platformHostSeniorOnly");
    expect(expectRefused(() => decideCase(db, senior, input(caseId, { outcome: "no_violation", level: "L0", sanctionProvider: true }), { now }), "invalid").fieldErrors?.sanctionProvider).toEqual([
      "decisions.errors.sanctionNeedsViolation",
    ]);
  });

  it("stores a path or host block under its expression", () => {
    const onPath = decideCase(db, moderator, input(openCase("https://free-jobs-daily.top/jianzhi/900000016.html"), { scope: "path", scopePath: "/jianzhi" }), { now });
    expect(one("select scope, expression, required_params from verdicts where id = ?", onPath.verdictId)).toEqual({
      scope: "path",
      expression: "free-jobs-daily.top/jianzhi",
      required_params: null,
    });
    const onHost = decideCase(db, moderator, input(openCase("https://m.free-jobs-daily.top/a?id=1"), { scope: "host" }), { now });
    expect(one("select scope, expression from verdicts where id = ?", onHost.verdictId)).toEqual({ scope: "host", expression: "m.free-jobs-daily.top/" });
    expect(one("select scope, provider_sanction from decisions where id = ?", onHost.decisionId)).toEqual({ scope: "host", provider_sanction: 0 });
  });

  it("refuses an outcome that does not match its level, a short rationale and an unknown category", () => {
    const caseId = openCase("https://item.jd.com/900000014.html");
    const refusals: [Partial<DecisionInput>, string, string][] = [
      [{ outcome: "no_violation", level: "L3" }, "level", "decisions.errors.noActionWithoutViolation"],
      [{ outcome: "insufficient_evidence", level: "L1" }, "level", "decisions.errors.noActionWithoutViolation"],
      [{ outcome: "violation", level: "L0" }, "level", "decisions.errors.violationNeedsLevel"],
      [{ rationale: "  too short " }, "rationale", "decisions.errors.rationaleTooShort"],
      [{ rationale: null }, "rationale", "decisions.errors.rationaleTooShort"],
      [{ category: "not_a_category" }, "category", "validation.category"],
      [{ durationHours: 0 }, "durationHours", "decisions.errors.durationInvalid"],
      [{ durationHours: 1.5 }, "durationHours", "decisions.errors.durationInvalid"],
    ];
    for (const [overrides, field, key] of refusals) {
      const refusal = expectRefused(() => decideCase(db, moderator, input(caseId, overrides), { now }), "invalid");
      expect(refusal.fieldErrors?.[field]).toEqual([key]);
    }
    expect(caseRow(caseId).status).toBe("open");
  });
});

describe("outcomes without a violation", () => {
  it("no violation at L0 decides the case with no verdict, no notice and no recommended level", () => {
    const caseId = openCase("https://www.zhihu.com/question/900000020");
    const result = decideCase(
      db,
      moderator,
      input(caseId, { outcome: "no_violation", level: "L0", durationHours: 48, rationale: null }),
      { now, requestId: "decide-l0" },
    );
    expect(result.verdictId).toBeNull();
    expect(result.noticeId).toBeNull();
    expect(one("select level, duration_hours, recommended_level from decisions where id = ?", result.decisionId)).toEqual({
      level: "L0",
      duration_hours: null,
      recommended_level: null,
    });
    expect(count("select count(*) as n from verdicts where decision_id = ?", result.decisionId)).toBe(0);
    expect(count("select count(*) as n from rectification_notices where decision_id = ?", result.decisionId)).toBe(0);
    expect(caseRow(caseId).status).toBe("decided");
    expect(all<{ action: string }>("select action from audit_events where request_id = 'decide-l0' order by seq").map((e) => e.action)).toEqual([
      "decision.recorded",
      "case.decided",
    ]);
  });

  it("insufficient evidence at L0 likewise, and neither counts as an offence of the domain", () => {
    const caseId = openCase("https://www.zhihu.com/question/900000021");
    const result = decideCase(db, moderator, input(caseId, { outcome: "insufficient_evidence", level: "L0" }), { now });
    expect(result).toMatchObject({ verdictId: null, noticeId: null });

    const next = openCase("https://www.zhihu.com/question/900000022");
    expect(recommendationFor(db, next, "fraud_scam", now)).toMatchObject({ level: "L3", offenceNumber: 1 });
  });
});

describe("independent sites", () => {
  it("get a verdict but no rectification notice: there is no provider to notify", () => {
    const caseId = openCase("https://lucky-prize-claim.xyz/win?id=1");
    expect(one<{ slug: string }>("select p.slug from cases c join links l on l.id = c.link_id join platforms p on p.id = l.platform_id where c.id = ?", caseId).slug).toBe("independent");
    const result = decideCase(db, moderator, input(caseId), { now, requestId: "decide-independent" });
    expect(result.verdictId).not.toBeNull();
    expect(result.noticeId).toBeNull();
    expect(all<{ action: string }>("select action from audit_events where request_id = 'decide-independent' order by seq").map((e) => e.action)).toEqual([
      "decision.recorded",
      "case.decided",
      "verdict.created",
    ]);
  });

  it("cannot be given an L5 provider sanction", () => {
    const caseId = openCase("https://lucky-prize-claim.xyz/win?id=2");
    const refusal = expectRefused(() => decideCase(db, senior, input(caseId, { sanctionProvider: true }), { now }), "invalid");
    expect(refusal.fieldErrors?.sanctionProvider).toEqual(["decisions.errors.noProviderToSanction"]);
  });
});

describe("notices", () => {
  it("give 48 hours for a violation that is not critical", () => {
    const caseId = openCase("https://www.douban.com/group/topic/900000030/");
    const result = decideCase(db, moderator, input(caseId, { category: "excessive_marketing", level: "L1", durationHours: 720 }), { now });
    expect(one<{ deadline_at: string }>("select deadline_at from rectification_notices where id = ?", result.noticeId).deadline_at).toBe(
      later(48 * HOUR_MS).toISOString(),
    );
    expect(one<{ expires_at: string }>("select expires_at from verdicts where id = ?", result.verdictId).expires_at).toBe(
      later(720 * HOUR_MS).toISOString(),
    );
  });

  it("carry a provider sanction decided beside the block: one decision, the URL blocked and the platform sanctioned", () => {
    const caseId = openCase("https://www.douban.com/group/topic/900000031/");
    const result = decideCase(db, senior, input(caseId, { level: "L3", sanctionProvider: true }), { now, requestId: "decide-l3-l5" });
    expect(result.verdictId).not.toBeNull();
    expect(result.noticeId).not.toBeNull();
    expect(one("select level, scope, provider_sanction from decisions where id = ?", result.decisionId)).toEqual({ level: "L3", scope: "url", provider_sanction: 1 });
    expect(one("select level, scope from verdicts where id = ?", result.verdictId)).toEqual({ level: "L3", scope: "url" });
    const sent = one<{ after: string }>("select after from audit_events where request_id = 'decide-l3-l5' and action = 'notice.sent'");
    expect(JSON.parse(sent.after)).toMatchObject({ providerSanction: true, deadlineAt: later(24 * HOUR_MS).toISOString() });
    const recorded = one<{ after: string }>("select after from audit_events where request_id = 'decide-l3-l5' and action = 'decision.recorded'");
    expect(JSON.parse(recorded.after)).toMatchObject({ level: "L3", scope: "url", providerSanction: true });
  });
});

describe("repeat offences and domain blocks", () => {
  it("recommends the ladder's second step for a second violation on the domain within the window", () => {
    const first = openCase("https://mobile.yangkeduo.com/goods.html?goods_id=900000040");
    expect(recommendationFor(db, first, "illegal_trade", now)).toMatchObject({ level: "L2", durationHours: 720, offenceNumber: 1 });
    decideCase(db, moderator, input(first, { category: "illegal_trade", level: "L2", durationHours: 720 }), { now });

    const second = openCase("https://mobile.yangkeduo.com/goods.html?goods_id=900000041");
    const result = decideCase(db, moderator, input(second, { category: "illegal_trade", level: "L3" }), { now });
    expect(result.recommendation).toMatchObject({ level: "L3", durationHours: null, offenceNumber: 2, citation: { step: 2 } });
    expect(one<{ recommended_level: string }>("select recommended_level from decisions where id = ?", result.decisionId).recommended_level).toBe("L3");
  });

  it("does not count violations decided before the repeat window", () => {
    const longAgo = new Date(now.getTime() - 200 * DAY_MS);
    const old = openCase("https://www.goofish.com/item?id=900000050", "gambling", longAgo);
    decideCase(db, moderator, input(old, { category: "gambling" }), { now: longAgo });

    const fresh = openCase("https://www.goofish.com/item?id=900000051", "gambling");
    expect(recommendationFor(db, fresh, "gambling", now)).toMatchObject({ level: "L3", offenceNumber: 1, scope: "url" });
    // Within the window (a day after the old decision) it would have been the second offence.
    expect(recommendationFor(db, fresh, "gambling", new Date(longAgo.getTime() + DAY_MS)).offenceNumber).toBe(2);
  });

  it("lets a senior block a domain only when the engine permits it, and the block covers the domain's other URLs", () => {
    const first = openCase("https://www.lucky-redpacket.top/p/900000060");
    const refusal = expectRefused(
      () => decideCase(db, senior, input(first, { level: "L4" }), { now }),
      "invalid",
      "decisions.errors.domainBlockNotAllowed",
    );
    expect(refusal.fieldErrors?.reasonEn?.[0]).toContain("This step is not a domain-wide block (L4)");
    decideCase(db, senior, input(first), { now });

    // Second fraud violation on lucky-redpacket.top: the ladder's L4 step, allowed as the category is critical.
    const second = openCase("https://www.lucky-redpacket.top/p/900000061");
    expect(recommendationFor(db, second, "fraud_scam", now)).toMatchObject({ level: "L4", scope: "domain" });
    expectRefused(() => decideCase(db, moderator, input(second, { level: "L4" }), { now }), "forbidden");
    const result = decideCase(db, senior, input(second, { level: "L4" }), { now, requestId: "decide-l4" });

    expect(one("select scope, link_id, domain, level, expires_at from verdicts where id = ?", result.verdictId)).toEqual({
      scope: "domain",
      link_id: null,
      domain: "lucky-redpacket.top",
      level: "L4",
      expires_at: null,
    });
    expect(one("select key_type, key, level from verdict_changes where verdict_id = ?", result.verdictId)).toEqual({
      key_type: "domain",
      key: expressionKey("lucky-redpacket.top/"),
      level: "L4",
    });
    // A URL nobody has reported yet is covered by the domain block.
    const elsewhere = { canonicalUrl: "https://www.lucky-redpacket.top/p/never-reported" };
    expect(verdictsInForce(db, elsewhere, later(60_000)).map((v) => v.id)).toEqual([result.verdictId]);
  });

  it("never blocks a registered platform's own domain: the repeat offence blocks the URL and sanctions the platform", () => {
    decideCase(db, senior, input(openCase("https://www.xiaohongshu.com/explore/900000062")), { now });
    const second = openCase("https://www.xiaohongshu.com/explore/900000063");
    expect(recommendationFor(db, second, "fraud_scam", now)).toMatchObject({ level: "L3", scope: "url", alsoSanctionProvider: true, offenceNumber: 2 });
    const refusal = expectRefused(() => decideCase(db, senior, input(second, { level: "L4" }), { now }), "invalid", "decisions.errors.domainBlockNotAllowed");
    expect(refusal.fieldErrors?.reasonEn?.[0]).toContain("the domain belongs to a registered platform");
    const result = decideCase(db, senior, input(second, { sanctionProvider: true }), { now });
    expect(one("select scope, level from verdicts where id = ?", result.verdictId)).toEqual({ scope: "url", level: "L3" });
    const notice = one<{ id: number }>("select id from rectification_notices where decision_id = ?", result.decisionId);
    const sent = one<{ after: string }>("select after from audit_events where action = 'notice.sent' and target_id = ?", String(notice.id));
    expect(JSON.parse(sent.after).providerSanction).toBe(true);
  });

  it("permits a domain block for a category that is not critical once enough of the domain's links are under a verdict", () => {
    const decideTrade = (url: string, level: DecisionInput["level"], durationHours: number | null, at: Date = now) =>
      decideCase(db, moderator, input(openCase(url, "illegal_trade", at), { category: "illegal_trade", level, durationHours }), { now: at });

    // cheap-pills.shop: two illegal-trade violations, both still in force: the third reaches the threshold of 3.
    decideTrade("https://www.cheap-pills.shop/item/900000070", "L2", 720);
    decideTrade("https://www.cheap-pills.shop/item/900000071", "L3", null);
    const third = openCase("https://www.cheap-pills.shop/item/900000072", "illegal_trade");
    expect(recommendationFor(db, third, "illegal_trade", now)).toMatchObject({ level: "L4", scope: "domain", offenceNumber: 3 });
    expect(decideCase(db, senior, input(third, { category: "illegal_trade", level: "L4" }), { now }).verdictId).not.toBeNull();

    // pills-again.shop: the same history, but the earlier verdicts have expired, so they are not open violations.
    decideTrade("https://www.pills-again.shop/item/900000080", "L2", 1);
    decideTrade("https://www.pills-again.shop/item/900000081", "L2", 1);
    const kuaishou = openCase("https://www.pills-again.shop/item/900000082", "illegal_trade");
    const inTwoHours = later(2 * HOUR_MS);
    expect(recommendationFor(db, kuaishou, "illegal_trade", inTwoHours)).toMatchObject({ level: "L3", scope: "url", offenceNumber: 3 });
    const refusal = expectRefused(
      () => decideCase(db, senior, input(kuaishou, { category: "illegal_trade", level: "L4" }), { now: inTwoHours }),
      "invalid",
      "decisions.errors.domainBlockNotAllowed",
    );
    expect(refusal.fieldErrors?.reasonEn?.[0]).toContain("below the rule's threshold of 3");
  });
});

describe("the audit trail", () => {
  it("still verifies after all these decisions", () => {
    expect(count("select count(*) as n from audit_events where action = 'decision.recorded'")).toBeGreaterThan(10);
    expect(verifyAuditChain(sqlite)).toMatchObject({ ok: true });
  });
});
